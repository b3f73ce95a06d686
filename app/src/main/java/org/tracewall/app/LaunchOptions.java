package org.tracewall.app;

/** The launcher's command line: {@code [--memory] [sample]}; anything else is refused by name. */
final class LaunchOptions {
    private final boolean memory;
    private final String sample;

    private LaunchOptions(boolean memory, String sample) {
        this.memory = memory;
        this.sample = sample;
    }

    static LaunchOptions parse(String... args) {
        boolean memory = false;
        String sample = null;
        for (String arg : args) {
            if (arg.equals("--memory")) {
                memory = true;
            } else if (arg.startsWith("-")) {
                throw new IllegalArgumentException("Unknown option '" + arg + "' (known: --memory; then an optional sample name)");
            } else if (sample == null) {
                sample = arg;
            } else {
                throw new IllegalArgumentException("One sample name only, got '" + sample + "' and '" + arg + "'");
            }
        }
        return new LaunchOptions(memory, sample == null ? "gateway" : sample);
    }

    /** James's memory server: quick trials, nothing kept. */
    boolean memory() {
        return memory;
    }

    /** The conf-samples folder installed when conf/ does not exist yet. */
    String sample() {
        return sample;
    }
}
