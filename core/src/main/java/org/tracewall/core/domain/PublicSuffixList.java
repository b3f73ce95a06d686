package org.tracewall.core.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Public Suffix List algorithm (publicsuffix.org): the organizational (registrable)
 * domain of a name is its public suffix plus one label, so that {@code mail.example.co.uk}
 * and {@code example.co.uk} belong together but {@code a.co.uk} and {@code b.co.uk} do not.
 * Tracewall bundles a copy; an operator may load a newer file.
 */
public final class PublicSuffixList {
    private static final String BUNDLED = "/org/tracewall/core/psl/public_suffix_list.dat";

    private final Set<String> rules;
    private final Set<String> wildcards;
    private final Set<String> exceptions;

    private PublicSuffixList(Set<String> rules, Set<String> wildcards, Set<String> exceptions) {
        this.rules = Set.copyOf(rules);
        this.wildcards = Set.copyOf(wildcards);
        this.exceptions = Set.copyOf(exceptions);
    }

    /** The copy shipped in the jar. */
    public static PublicSuffixList bundled() {
        try (InputStream in = PublicSuffixList.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("bundled public suffix list missing: " + BUNDLED);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PublicSuffixList load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        }
    }

    static PublicSuffixList parse(InputStream in) throws IOException {
        Set<String> rules = new HashSet<>();
        Set<String> wildcards = new HashSet<>();
        Set<String> exceptions = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String rule = line.trim();
                int space = rule.indexOf(' ');
                if (space > 0) {
                    rule = rule.substring(0, space);
                }
                if (rule.isEmpty() || rule.startsWith("//")) {
                    continue;
                }
                if (rule.startsWith("!")) {
                    exceptions.add(ascii(rule.substring(1)));
                } else if (rule.startsWith("*.")) {
                    wildcards.add(ascii(rule.substring(2)));
                } else {
                    rules.add(ascii(rule));
                }
            }
        }
        if (rules.isEmpty()) {
            throw new IOException("no rules found: not a public suffix list");
        }
        return new PublicSuffixList(rules, wildcards, exceptions);
    }

    /** The registrable domain, or empty when the name is itself a public suffix (or invalid). */
    public Optional<String> organizationalDomain(String name) {
        String domain;
        try {
            domain = ascii(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (domain.isEmpty() || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return Optional.empty();
        }
        int[] starts = labelStarts(domain);
        int suffixLabels = publicSuffixLabels(domain, starts);
        if (starts.length <= suffixLabels) {
            return Optional.empty();
        }
        return Optional.of(domain.substring(starts[starts.length - suffixLabels - 1]));
    }

    /** True when both names have the same organizational domain. */
    public boolean sameOrganization(String a, String b) {
        Optional<String> left = organizationalDomain(a);
        return left.isPresent() && left.equals(organizationalDomain(b));
    }

    /** The suffixes are substrings from these offsets (a lookup per message and per domain: no joins). */
    private static int[] labelStarts(String domain) {
        int count = 1;
        for (int i = 0; i < domain.length(); i++) {
            count += domain.charAt(i) == '.' ? 1 : 0;
        }
        int[] starts = new int[count];
        for (int i = 0, label = 1; i < domain.length(); i++) {
            if (domain.charAt(i) == '.') {
                starts[label++] = i + 1;
            }
        }
        return starts;
    }

    private int publicSuffixLabels(String domain, int[] starts) {
        int labels = starts.length;
        for (int i = 0; i < labels; i++) {
            String suffix = domain.substring(starts[i]);
            if (exceptions.contains(suffix)) {
                return labels - i - 1;
            }
            if (rules.contains(suffix) || (i + 1 < labels && wildcards.contains(domain.substring(starts[i + 1])))) {
                return labels - i;
            }
        }
        return 1;
    }

    private static String ascii(String name) {
        if (DomainNames.isPlainAscii(name)) {
            return name.toLowerCase(Locale.ROOT);
        }
        return IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    }
}
