#!/usr/bin/env bash
# Quality of the analysis engine on the development datasets (../shared/datasets, dev split):
# for every dataset and task, accuracy and macro-F1 of
#   (a) the built-in sentiment (`voxloop analyze --task sentiment`, no training; sentiment only),
#   (b) a model trained with `voxloop train` on the train split (`voxloop analyze --model`),
#   (c) Debian's `fasttext supervised` with default settings on the same split, text as-is,
#   (d) the majority class of the train split.
# Prints a Markdown table (what docs/analysis.md "Quality" shows).
#
#   tools/eval_analysis.sh            # VOXLOOP_BIN=build/voxloop, VOXLOOP_DATASETS=../shared/datasets
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VOXLOOP_BIN:-build/voxloop}
DATASETS=${VOXLOOP_DATASETS:-../shared/datasets}
[ -x "$BIN" ] || { echo "no voxloop binary at $BIN (build it, or set VOXLOOP_BIN)" >&2; exit 1; }
[ -d "$DATASETS" ] || { echo "no datasets at $DATASETS (set VOXLOOP_DATASETS)" >&2; exit 1; }
command -v fasttext >/dev/null || { echo "needs Debian's fasttext (apt-get install fasttext)" >&2; exit 1; }
work=$(mktemp -d /tmp/voxloop-eval-XXXXXX)
trap 'rm -rf "$work"' EXIT

# prepare TSV PREFIX: PREFIX.texts (one text per line), PREFIX.gold, PREFIX.ft (fastText input)
prepare() {
  python3 - "$1" "$2" <<'PY'
import sys
src, prefix = sys.argv[1], sys.argv[2]
with open(src, encoding="utf-8", newline="\n") as f, \
     open(prefix + ".texts", "w", encoding="utf-8") as texts, \
     open(prefix + ".gold", "w", encoding="utf-8") as gold, \
     open(prefix + ".ft", "w", encoding="utf-8") as ft:
    for line in f:
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        text, _, label = line.rpartition("\t")
        texts.write(text + "\n"); gold.write(label + "\n")
        ft.write("__label__" + label + " " + text + "\n")
PY
}

# score GOLD PRED → "accuracy macro-F1" (F1 per label = 2TP/(2TP+FP+FN), mean over gold ∪ predicted)
score() {
  python3 - "$1" "$2" <<'PY'
import sys
gold = open(sys.argv[1], encoding="utf-8").read().split("\n")[:-1]
pred = [p.replace("__label__", "") for p in open(sys.argv[2], encoding="utf-8").read().split("\n")[:-1]]
assert len(gold) == len(pred), f"{len(gold)} gold labels but {len(pred)} predictions"
labels = sorted(set(gold) | set(pred))
f1 = []
for label in labels:
    tp = sum(g == label and p == label for g, p in zip(gold, pred))
    fp = sum(g != label and p == label for g, p in zip(gold, pred))
    fn = sum(g == label and p != label for g, p in zip(gold, pred))
    f1.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
accuracy = sum(g == p for g, p in zip(gold, pred)) / len(gold)
print(f"{100 * accuracy:.1f} / {100 * sum(f1) / len(f1):.1f}")
PY
}

majority() {  # majority TRAIN_GOLD N → N lines of the most frequent train label
  local label
  label=$(sort "$1" | uniq -c | sort -k1,1nr -k2 | awk 'NR==1 {print $2}')
  awk -v label="$label" -v n="$2" 'BEGIN { for (i = 0; i < n; i++) print label }'
}

echo "| dataset | task | dev items | built-in | \`voxloop train\` | fastText default | majority class |"
echo "|---|---|---:|---:|---:|---:|---:|"
for entry in uit-vsfc:sentiment uit-vsfc:topic waimai-10k:sentiment \
             online-shopping-10cats:sentiment online-shopping-10cats:topic \
             airline-tweets:sentiment airline-tweets:topic; do
  set_name=${entry%%:*}; task=${entry##*:}
  suffix=""; [ "$task" = topic ] && suffix=".topic"
  train="$DATASETS/$set_name/train$suffix.tsv"; dev="$DATASETS/$set_name/dev$suffix.tsv"
  [ -f "$train" ] && [ -f "$dev" ] || continue
  out="$work/$set_name.$task"
  prepare "$train" "$out.train"; prepare "$dev" "$out.dev"
  n=$(wc -l < "$out.dev.gold")

  builtin="–"
  if [ "$task" = sentiment ]; then
    "$BIN" analyze --task sentiment < "$out.dev.texts" > "$out.builtin"
    builtin=$(score "$out.dev.gold" "$out.builtin")
  fi

  "$BIN" train --task "$task" --input "$train" --output "$out.model.bin" 2>/dev/null
  "$BIN" analyze --task "$task" --model "$out.model.bin" < "$out.dev.texts" > "$out.trained"
  trained=$(score "$out.dev.gold" "$out.trained")

  fasttext supervised -input "$out.train.ft" -output "$out.ft" -verbose 0 >/dev/null
  fasttext predict "$out.ft.bin" "$out.dev.texts" > "$out.ft.pred"
  ft=$(score "$out.dev.gold" "$out.ft.pred")

  majority "$out.train.gold" "$n" > "$out.majority"
  major=$(score "$out.dev.gold" "$out.majority")

  echo "| $set_name | $task | $n | $builtin | $trained | $ft | $major |"
done
echo
echo "Each cell: accuracy / macro-F1 in %, on the dev split."
