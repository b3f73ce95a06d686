package org.tracewall.core.config;

/**
 * The reference table of a section, in Markdown: the one place the configuration documentation
 * comes from, so that it says what the code reads.
 */
public final class OptionReference {
    private OptionReference() {
    }

    /** "### title (heading)" and a key | value | default | meaning table. */
    public static String markdown(OptionSection section, String heading) {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(section.title()).append(" (").append(heading).append(")\n\n");
        if (section.options().isEmpty()) {
            return md.append("It takes no ").append(section.isElements() ? "elements" : "keys").append(".\n\n").toString();
        }
        md.append(section.isElements() ? "| element" : "| key").append(" | value | default | meaning |\n|---|---|---|---|\n");
        for (Option<?> option : section.options()) {
            String key = section.isElements() ? "<" + option.name() + ">" : option.name();
            md.append("| `").append(key).append("` | ").append(cell(option.form())).append(" | ")
                .append(cell(option.defaultText())).append(" | ").append(cell(option.doc())).append(" |\n");
        }
        return md.append('\n').toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }
}
