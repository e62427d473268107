package dev.jaydns.plugins.template;

import java.util.List;

/** The {@code template} directives of a block, in Corefile order. */
public record TemplateConfig(List<Template> templates) {

  public TemplateConfig {
    templates = List.copyOf(templates);
  }
}
