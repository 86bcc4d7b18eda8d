#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with starting inputs taken from the repository (fixtures, the
# course pack, the test pack). The corpora are not committed; run this before the first
# `cargo fuzz run`. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"
root=..
for t in pack_loader progress_files diagram_ron codepipeline_import cloudformation_import; do
    mkdir -p "corpus/$t"
done

# progress_files: every released data file (each input is tried as every type).
for f in "$root"/tests/fixtures/progress/v1/*.ron "$root"/tests/fixtures/progress/v1/diagrams/*.ron; do
    cp "$f" "corpus/progress_files/$(basename "$f")"
done

# diagram_ron: the fixture diagram and the course's example pipelines.
cp "$root"/tests/fixtures/progress/v1/diagrams/*.ron corpus/diagram_ron/
cp "$root"/content/pipelines/*.ron corpus/diagram_ron/

# The JSON formats.
cp "$root"/tests/fixtures/pipelines/get-pipeline.json corpus/codepipeline_import/
cp "$root"/tests/fixtures/pipelines/template.json corpus/cloudformation_import/

# pack_loader: the test pack of tests/common (course, questions, a note, a pipeline and a
# challenge, NUL-separated), and a minimal pack.
python3 - "$root" <<'PY'
import pathlib, re, sys
root = pathlib.Path(sys.argv[1])
common = (root / "tests/common/mod.rs").read_text()
def raw(name):
    m = re.search(r'pub const ' + name + r': &str = r#"(.*?)"#;', common, re.S)
    return m.group(1) if m else ""
course, questions = raw("COURSE"), raw("QUESTIONS")
note = "# Pipelines\n\nSee [Builds](topic:builds).\n"
pipeline = sorted((root / "content/pipelines").glob("*.ron"))[0].read_text()
challenges = sorted((root / "content/challenges").glob("*.ron"))
challenge = challenges[0].read_text() if challenges else ""
out = root / "fuzz/corpus/pack_loader"
(out / "test-pack").write_bytes("\0".join([course, questions, note, pipeline, challenge]).encode())
(out / "course-and-questions").write_bytes("\0".join([course, questions]).encode())
(out / "course-only").write_bytes(course.encode())
PY
echo "seeded: $(for t in corpus/*; do echo -n "$(basename "$t")=$(ls "$t" | wc -l) "; done)"
