package org.tracewall.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Prints a WebAdmin admin token signed with the working directory's key
 * ({@code var/conf/jwt_privatekey}, made on the launcher's first start):
 * {@code ./tracewall token [--subject admin] [--hours 12]}, or inside the image
 * {@code java -cp /opt/tracewall/tracewall-app.jar org.tracewall.app.AdminToken}.
 * {@code --keygen DIR} only makes a key pair in DIR (for a James whose conf/ you mount, such as
 * the Dockerfile's: put {@code jwt_publickey} in its conf/ and keep {@code jwt_privatekey}).
 */
public final class AdminToken {
    private AdminToken() {
    }

    public static void main(String[] args) {
        String subject = "admin";
        long hours = 12;
        try {
            if (args.length == 2 && "--keygen".equals(args[0])) {
                Path dir = Path.of(args[1]);
                System.out.println(AdminTokens.ensureKeyPair(dir) ? "Created " + dir.resolve(AdminTokens.PUBLIC_KEY_FILE)
                    + " and " + dir.resolve(AdminTokens.PRIVATE_KEY_FILE) : dir.resolve(AdminTokens.PUBLIC_KEY_FILE) + " exists: kept");
                return;
            }
            for (int i = 0; i < args.length; i++) {
                if ("--subject".equals(args[i]) && i + 1 < args.length) {
                    subject = args[++i];
                } else if ("--hours".equals(args[i]) && i + 1 < args.length) {
                    hours = Long.parseLong(args[++i]);
                } else {
                    usage("unknown argument '" + args[i] + "'");
                }
            }
            if (hours < 1 || hours > 24 * 366) {
                usage("--hours must be from 1 to 8784");
            }
            Path conf = Path.of(System.getProperty("working.directory", "var")).resolve("conf");
            System.out.println(AdminTokens.adminToken(conf, subject, Instant.now(), Duration.ofHours(hours)));
        } catch (NumberFormatException e) {
            usage("--hours needs a number");
        } catch (IOException e) {
            System.err.println("tracewall token: " + e.getMessage());
            System.exit(66);
        }
    }

    private static void usage(String problem) {
        System.err.println("tracewall token: " + problem
            + "\nusage: ./tracewall token [--subject NAME] [--hours N] | ./tracewall token --keygen DIR");
        System.exit(64);
    }
}
