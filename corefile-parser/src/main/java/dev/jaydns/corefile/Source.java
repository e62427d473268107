package dev.jaydns.corefile;

import java.nio.file.Path;

/**
 * The text a lexeme was read from: a file, or the main text handed to the parser.
 *
 * @param name how positions name it: the main file as the caller gave it, an imported file by its
 *     absolute path
 * @param directory where relative imports written in it are resolved
 * @param identity the absolute normalised path, to recognise an import cycle; {@code null} when the
 *     text has no usable path
 */
record Source(String name, Path directory, Path identity) {}
