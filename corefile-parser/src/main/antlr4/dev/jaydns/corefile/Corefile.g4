/*
 * Tokens of a Corefile (CoreDNS 1.13 / Caddy v1 syntax, see spec/coredns.md section 1.1).
 *
 * Only the lexer is ANTLR. The block and directive structure is recognised by a small hand-written
 * parser (BlockParser) over these tokens, because `import` splices other files and snippets into
 * the token stream while it is being parsed, and a snippet counts as defined only once the parser
 * has passed its definition. An ANTLR parser would need the whole, final stream up front. The
 * hand-written parser also reports the positions people need: the '{' that is never closed, the '}'
 * on a directive's line.
 *
 * The generated class is named after this file, Corefile, which would clash with the model record
 * dev.jaydns.corefile.Corefile; the pom therefore generates it into dev.jaydns.corefile.syntax.
 *
 * Token text is cooked in Java (LexemeScanner): quotes and the \" escape are removed from QUOTED,
 * carriage returns are removed from WORD and the braces.
 */
lexer grammar Corefile;

// A brace is structural only when it stands alone: a longer WORD wins by longest match, and on a
// tie the earlier rule (this one) wins. A carriage return does not end a token, so "{\r" still is
// a brace.
LBRACE : '{' '\r'* ;
RBRACE : '}' '\r'* ;

// '"' opens a quoted token only as the first character of a token (a WORD never starts with it).
// The quoted token may span lines; \" is the only escape.
QUOTED : '"' QUOTED_CHAR* '"' ;

// A quote still open at the end of the input yields what it collected. When the quote is closed,
// QUOTED is one character longer and wins.
OPEN_QUOTED : '"' QUOTED_CHAR* '\\'? ;

WORD : WORD_START WORD_CHAR* ;

NEWLINE : '\n' ;

// '#' starts a comment anywhere outside quotes, also in the middle of a token.
COMMENT : '#' ~'\n'* -> skip ;

// Outside quotes a carriage return is dropped; inside a WORD it does not end the token.
CR : '\r' -> skip ;

// Unicode White_Space, minus the newline and carriage return handled above.
SPACE : [\t\u000B\f \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+ -> skip ;

fragment QUOTED_CHAR : '\\' . | ~["\\] ;
fragment WORD_START : ~[\p{White_Space}"#] ;
fragment WORD_CHAR : ~[\p{White_Space}#] | '\r' ;
