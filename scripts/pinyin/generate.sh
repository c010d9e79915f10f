#!/usr/bin/env bash
# Regenerates kiosk-core's pinyin dictionary resource from two maintained npm packages:
#   pinyin-pro 3.29.4 (MIT, (c) zh-lx)          readings of every character, polyphones resolved per word
#   nodejieba 3.5.8  (MIT, (c) Yanyi Wu; its jieba.dict.utf8 comes from jieba, MIT, (c) Sun Junyi)
#                                               word list with corpus frequencies
# plus extra-words.txt (ours: Shanghai place names and government-service terms).
# Needs node and npm (Debian: apt-get install nodejs npm). Output is deterministic (gzip -n).
#   scripts/pinyin/generate.sh            writes kiosk-core/src/main/resources/io/dianxiaoer/core/pinyin/pinyin-dict.tsv.gz
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../kiosk-core/src/main/resources/io/dianxiaoer/core/pinyin/pinyin-dict.tsv.gz"
PINYIN_PRO=3.29.4
NODEJIEBA=3.5.8
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
# npm pack only downloads the published tarball (checked against the registry's integrity hash);
# nothing is installed or built.
npm pack --silent "pinyin-pro@$PINYIN_PRO" "nodejieba@$NODEJIEBA" >/dev/null
mkdir pinyin-pro nodejieba
tar xzf "pinyin-pro-$PINYIN_PRO.tgz" -C pinyin-pro --strip-components=1
tar xzf "nodejieba-$NODEJIEBA.tgz" -C nodejieba --strip-components=1 \
    package/submodules/cppjieba/dict/jieba.dict.utf8 package/LICENSE
mkdir -p "$(dirname "$out")"
node "$here/generate-dict.cjs" "$work/pinyin-pro" "$work/nodejieba/submodules/cppjieba/dict/jieba.dict.utf8" \
    "$here/extra-words.txt" "pinyin-pro $PINYIN_PRO (MIT)" "nodejieba $NODEJIEBA jieba.dict.utf8 (MIT)" \
  | gzip -n -9 > "$out"
echo "wrote $out ($(stat -c %s "$out") bytes)" >&2
