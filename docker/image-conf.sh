#!/bin/sh
# Prepares the gateway sample in CONF_DIR (default /root/conf) for an official James image: the
# image's standard ports (25, 465, 143, 993), WebAdmin on every interface (its Host check and JWT
# still apply), and a keystore of its own whose random password replaces the sample's placeholder
# (the base images' keystore password is public). Used by both Dockerfiles; ImageConfScriptTest
# runs it on a copy of the sample.
set -eu
conf="${1:-/root/conf}"
secret=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
rm -f "$conf/keystore"
keytool -genkeypair -alias james -keyalg RSA -keysize 2048 -validity 3650 -storetype PKCS12 \
    -keystore "$conf/keystore" -storepass "$secret" -keypass "$secret" -dname "CN=localhost, O=Tracewall"
sed -i -e 's/0\.0\.0\.0:2525/0.0.0.0:25/' -e 's/0\.0\.0\.0:2465/0.0.0.0:465/' \
    -e "s#<secret>keystore-password-set-on-first-start</secret>#<secret>$secret</secret>#" "$conf/smtpserver.xml"
sed -i -e 's/0\.0\.0\.0:1143/0.0.0.0:143/' -e 's/0\.0\.0\.0:1993/0.0.0.0:993/' \
    -e "s#<secret>keystore-password-set-on-first-start</secret>#<secret>$secret</secret>#" "$conf/imapserver.xml"
sed -i -e 's/^host=localhost/host=0.0.0.0/' "$conf/webadmin.properties"
chmod 600 "$conf/keystore" "$conf/smtpserver.xml" "$conf/imapserver.xml"
