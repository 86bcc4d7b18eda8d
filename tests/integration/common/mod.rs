//! Helpers shared by the integration tests: a small valid course pack built in memory, and
//! ways to change one part of it.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use stagecraft::course::{self, PackFile, PackSource, Problem};

pub const COURSE: &str = r#"Course(
    version: 1,
    title: "Test course",
    blueprints: [
        Blueprint(
            id: "bp1",
            title: "Blueprint one",
            domains: [
                Domain(id: "1", title: "Delivery", weight_percent: 60, objectives: [
                    Objective(id: "1.1", title: "Build pipelines", topics: ["pipes", "builds"]),
                ]),
                Domain(id: "2", title: "Operations", weight_percent: 40, objectives: [
                    Objective(id: "2.1", title: "Watch things", topics: ["watch"]),
                ]),
            ],
        ),
        Blueprint(
            id: "bp2",
            title: "Blueprint two",
            domains: [
                Domain(id: "1", title: "Everything", weight_percent: 100, objectives: [
                    Objective(id: "1.1", title: "All of it", topics: ["pipes", "builds", "watch"]),
                ]),
            ],
        ),
    ],
    topics: [
        Topic(id: "pipes", title: "Pipelines"),
        Topic(id: "builds", title: "Builds"),
        Topic(id: "watch", title: "Watching"),
    ],
)
"#;

pub const QUESTIONS: &str = r#"[
    Question(
        id: "q-single",
        objectives: ["bp1/1.1", "bp2/1.1"],
        topics: ["pipes"],
        kind: Single,
        difficulty: 2,
        revised: "2026-11-26",
        stem: "Which service runs the stages?",
        options: [
            Choice(text: "CodePipeline", correct: true, explanation: "It orchestrates stages."),
            Choice(text: "CodeBuild", correct: false, explanation: "It builds."),
            Choice(text: "S3", correct: false, explanation: "It stores."),
            Choice(text: "SNS", correct: false, explanation: "It notifies."),
        ],
        references: ["https://docs.aws.amazon.com/codepipeline/latest/userguide/welcome.html"],
    ),
    Question(
        id: "q-multi",
        objectives: ["bp1/2.1", "bp2/1.1"],
        topics: ["watch"],
        kind: Multiple(pick: 2),
        difficulty: 3,
        revised: "2026-11-26",
        stem: "Which two watch metrics? (Choose two.)",
        options: [
            Choice(text: "CloudWatch", correct: true, explanation: "Metrics."),
            Choice(text: "X-Ray", correct: true, explanation: "Traces with metrics."),
            Choice(text: "S3", correct: false, explanation: "Storage."),
            Choice(text: "IAM", correct: false, explanation: "Identity."),
            Choice(text: "KMS", correct: false, explanation: "Keys."),
        ],
        references: ["https://docs.aws.amazon.com/cloudwatch/"],
    ),
]
"#;

pub const CARDS: &str = r#"[
    Card(id: "c1", topics: ["builds"], front: "Build spec file?", back: "buildspec.yml", reference: "https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html"),
]
"#;

/// A valid pack with three topics, two questions and one card.
pub fn valid_pack() -> PackSource {
    PackSource {
        label: "pack".to_owned(),
        files: vec![
            file("course.ron", COURSE),
            file("notes/pipes.md", "# Pipelines\n\nSee [Builds](topic:builds).\n"),
            file("notes/builds.md", "# Builds\n\nBuilds make artifacts.\n"),
            file(
                "notes/watch.md",
                "# Watching\n\nWatch your [pipelines](topic:pipes).\n",
            ),
            file("questions/main.ron", QUESTIONS),
            file("cards/main.ron", CARDS),
        ],
    }
}

pub fn file(path: &str, text: &str) -> PackFile {
    PackFile {
        path: path.to_owned(),
        text: text.to_owned(),
    }
}

/// The pack with `from` replaced by `to` in file `path` (the text must be there).
pub fn with_edit(path: &str, from: &str, to: &str) -> PackSource {
    let mut pack = valid_pack();
    let file = pack
        .files
        .iter_mut()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no file {path}"));
    assert!(file.text.contains(from), "{path} does not contain {from:?}");
    file.text = file.text.replacen(from, to, 1);
    pack
}

/// Every problem loading and checking a pack finds.
pub fn problems(pack: &PackSource) -> Vec<Problem> {
    let report = course::load(pack);
    let mut found = report.problems;
    if let Some(loaded) = &report.course {
        found.extend(course::check::check(loaded, pack));
    }
    found
}

/// Asserts exactly one problem, with this message part, at this file and line; returns it.
pub fn assert_one_problem(pack: &PackSource, path: &str, line: usize, message_part: &str) -> Problem {
    let found = problems(pack);
    assert_eq!(found.len(), 1, "expected one problem, got: {found:#?}");
    let problem = found.into_iter().next().unwrap();
    assert_eq!(problem.path, format!("pack/{path}"), "{problem}");
    assert_eq!(problem.line, line, "{problem}");
    assert!(
        problem.message.contains(message_part),
        "{problem} should mention {message_part:?}"
    );
    problem
}

/// The real app on the embedded course, keeping progress in `data_dir`, in a 1280×800 window.
pub fn app_harness(data_dir: &std::path::Path) -> egui_kittest::Harness<'static, stagecraft::StudyApp> {
    app_harness_with_clock(data_dir, stagecraft::progress::Clock::System)
}

/// Like [`app_harness`], with a clock the test controls.
pub fn app_harness_with_clock(
    data_dir: &std::path::Path,
    clock: stagecraft::progress::Clock,
) -> egui_kittest::Harness<'static, stagecraft::StudyApp> {
    // A returning learner: the first-run welcome was done (its own tests start without this).
    let settings = data_dir.join("settings.ron");
    if !settings.exists() {
        std::fs::create_dir_all(data_dir).unwrap();
        std::fs::write(&settings, "(version: 1, welcome_done: true)").unwrap();
    }
    let mut config = stagecraft::AppConfig::embedded(data_dir.to_path_buf()).unwrap();
    config.clock = clock;
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| stagecraft::StudyApp::new(&cc.egui_ctx, config).unwrap());
    harness.run_steps(2);
    harness
}

/// Reads progress.ron from a data dir.
pub fn saved_progress(data_dir: &std::path::Path) -> stagecraft::progress::Progress {
    let text = std::fs::read_to_string(data_dir.join("progress.ron")).unwrap();
    ron::from_str(&text).unwrap()
}

/// The tree rows above "AWS CodeBuild" in the default blueprint (DOP-C02).
pub const SDLC_DOMAIN: &str = "Domain 1: SDLC automation";
pub const PIPELINE_OBJECTIVE: &str = "1.1 Build CI/CD pipelines";

/// Opens the CodeBuild note through the tree, as a learner does.
pub fn open_codebuild_via_tree(harness: &mut egui_kittest::Harness<'static, stagecraft::StudyApp>) {
    open_topic_via_tree(harness, SDLC_DOMAIN, PIPELINE_OBJECTIVE, "AWS CodeBuild");
}

/// Opens a topic the way a learner does: domain, objective, then the topic row.
pub fn open_topic_via_tree(
    harness: &mut egui_kittest::Harness<'static, stagecraft::StudyApp>,
    domain_label: &str,
    objective_label: &str,
    topic_title: &str,
) {
    use egui_kittest::kittest::Queryable as _;
    harness.get_by_label_contains(domain_label).click();
    harness.run_steps(2);
    harness.get_by_label_contains(objective_label).click();
    harness.run_steps(2);
    harness.get_all_by_label(topic_title).next().unwrap().click();
    harness.run_steps(3);
}

/// Clicks a link in a note. A link that wraps has a bounding box wider than its text, so the
/// click goes near the top right, which is inside the link's first line whether or not it wraps.
pub fn click_link(harness: &mut egui_kittest::Harness<'static, stagecraft::StudyApp>, label: &str) {
    use egui_kittest::kittest::{NodeT as _, Queryable as _};
    let is_link = |n: &egui_kittest::Node<'_>| n.accesskit_node().role() == egui::accesskit::Role::Link;
    harness
        .get_all_by_label(label)
        .find(is_link)
        .unwrap_or_else(|| panic!("no link {label:?}"))
        .scroll_to_me();
    harness.run_steps(3);
    let rect = harness.get_all_by_label(label).find(is_link).unwrap().rect();
    let pos = egui::pos2(rect.right() - 4.0, rect.top() + 6.0);
    harness.event(egui::Event::PointerMoved(pos));
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::default(),
        });
    }
}

/// The question shown in the running session.
pub fn current_question(
    harness: &egui_kittest::Harness<'static, stagecraft::StudyApp>,
) -> stagecraft::course::Question {
    let session = harness.state().active_session().expect("a session is running");
    let Some(stagecraft::quiz::ItemKey::Question(id)) = session.current() else {
        panic!("the current item is not a question");
    };
    let course = stagecraft::course::load(&stagecraft::course::PackSource::embedded())
        .course
        .unwrap();
    course.question(id).unwrap().clone()
}

/// Clicks option `index` of the question shown (by its "A. text" label).
pub fn click_option(
    harness: &mut egui_kittest::Harness<'static, stagecraft::StudyApp>,
    question: &stagecraft::course::Question,
    index: usize,
) {
    use egui_kittest::kittest::Queryable as _;
    let letter = stagecraft::course::check::option_letter(index);
    let label = format!("{letter}. {}", question.options[index].text);
    harness.get_by_label(&label).click();
    harness.run_steps(2);
}

/// Answers the question shown right (every correct option) or wrong (one incorrect option).
pub fn answer(
    harness: &mut egui_kittest::Harness<'static, stagecraft::StudyApp>,
    right: bool,
) -> stagecraft::course::Question {
    let question = current_question(harness);
    if right {
        for index in question.correct_indices() {
            click_option(harness, &question, index);
        }
    } else {
        // One wrong option, then as many more as the question asks for (submit needs exactly
        // that many).
        let wrong = (0..question.options.len())
            .find(|i| !question.options[*i].correct)
            .unwrap();
        click_option(harness, &question, wrong);
        for other in (0..question.options.len())
            .filter(|i| *i != wrong)
            .take(question.kind.picks() - 1)
        {
            click_option(harness, &question, other);
        }
    }
    question
}

/// Starts a practice of the default scope as a learner does: Quiz, then "Start practice".
pub fn start_practice(harness: &mut egui_kittest::Harness<'static, stagecraft::StudyApp>) {
    use egui_kittest::kittest::Queryable as _;
    harness.get_by_label("Quiz").click();
    harness.run_steps(2);
    harness.get_by_label("Start practice").click();
    harness.run_steps(2);
}

/// Opens a new pipeline in the editor: Pipelines, then "New pipeline".
pub fn new_pipeline(harness: &mut egui_kittest::Harness<'static, stagecraft::StudyApp>) {
    use egui_kittest::kittest::Queryable as _;
    harness.get_by_label("Pipelines").click();
    harness.run_steps(3);
    harness.get_by_label("New pipeline").click();
    harness.run_steps(3);
}

/// Starts an exam simulation as a learner does: Quiz, "Start exam…", then confirms.
pub fn start_exam(harness: &mut egui_kittest::Harness<'static, stagecraft::StudyApp>) {
    use egui_kittest::kittest::Queryable as _;
    harness.get_by_label("Quiz").click();
    harness.run_steps(2);
    harness.get_by_label("Start exam…").click();
    // A modal window is laid out on its first frame and shown on the next.
    harness.run_steps(3);
    harness.get_by_label("Start exam now").click();
    harness.run_steps(2);
}

/// Reads a data file from a data dir.
pub fn saved<T: serde::de::DeserializeOwned>(data_dir: &std::path::Path, name: &str) -> T {
    let text = std::fs::read_to_string(data_dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    ron::from_str(&text).unwrap()
}

/// A generated pack: one blueprint whose domains have the given weights and question counts,
/// one objective and one topic (with a note) per domain, and `notes_per_domain` extra topics.
pub fn generated_pack(domains: &[(u32, usize)], extra_topics_per_domain: usize) -> PackSource {
    use std::fmt::Write as _;
    let mut course = String::from(
        "Course(version: 1, title: \"Generated\", blueprints: [Blueprint(id: \"gen\", title: \"Generated\", domains: [\n",
    );
    let mut topics = Vec::new();
    for (d, (weight, _)) in domains.iter().enumerate() {
        let mut ids = vec![format!("t{d}")];
        ids.extend((0..extra_topics_per_domain).map(|k| format!("t{d}-{k}")));
        let list = ids
            .iter()
            .map(|t| format!("{t:?}"))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            course,
            "Domain(id: \"{n}\", title: \"Domain {n}\", weight_percent: {weight}, objectives: [Objective(id: \"{n}.1\", title: \"Objective {n}.1\", topics: [{list}])]),",
            n = d + 1
        );
        topics.extend(ids);
    }
    course.push_str("])],\ntopics: [\n");
    for t in &topics {
        let _ = writeln!(course, "Topic(id: {t:?}, title: \"Topic {t}\"),");
    }
    course.push_str("])\n");
    let mut files = vec![file("course.ron", &course)];
    for t in &topics {
        files.push(file(
            &format!("notes/{t}.md"),
            &format!(
                "# Topic {t}\n\nGenerated note about {t} with a [link](topic:{}).\n\n{}\n",
                topics[0],
                "Filler sentence about pipelines and deployments. ".repeat(40)
            ),
        ));
    }
    let mut questions = String::from("[\n");
    for (d, (_, count)) in domains.iter().enumerate() {
        for i in 0..*count {
            let _ = writeln!(
                questions,
                "Question(id: \"g{d}-{i}\", objectives: [\"gen/{n}.1\"], topics: [\"t{d}\"], kind: Single, difficulty: 2, revised: \"2026-11-26\", stem: \"Generated question {i} of domain {n}?\", options: [Choice(text: \"Right\", correct: true, explanation: \"Because.\"), Choice(text: \"Wrong one\", correct: false, explanation: \"No.\"), Choice(text: \"Wrong two\", correct: false, explanation: \"No.\"), Choice(text: \"Wrong three\", correct: false, explanation: \"No.\")], references: [\"https://docs.aws.amazon.com/\"]),",
                n = d + 1
            );
        }
    }
    questions.push_str("]\n");
    files.push(file("questions/generated.ron", &questions));
    PackSource {
        label: "generated".to_owned(),
        files,
    }
}

/// Presses at `start`, moves in steps and releases at `end` (screen points), like a person
/// dragging with the mouse.
pub fn drag(
    harness: &mut egui_kittest::Harness<'static, stagecraft::StudyApp>,
    start: egui::Pos2,
    end: egui::Pos2,
) {
    harness.hover_at(start);
    harness.step();
    harness.drag_at(start);
    harness.step();
    for i in 1..=6 {
        harness.hover_at(start + (end - start) * (i as f32 / 6.0));
        harness.step();
    }
    harness.drop_at(end);
    harness.step();
    harness.run_steps(2);
}

/// The screen position of a canvas node's centre, found by its accessible label (which egui
/// reports in canvas units).
pub fn canvas_point(
    harness: &egui_kittest::Harness<'static, stagecraft::StudyApp>,
    label_part: &str,
    offset: egui::Vec2,
) -> egui::Pos2 {
    use egui_kittest::kittest::Queryable as _;
    let rect = harness
        .get_all_by_label_contains(label_part)
        .next()
        .unwrap_or_else(|| panic!("nothing labelled {label_part:?} on the canvas"))
        .rect();
    harness.state().canvas_to_screen(rect.center() + offset)
}

/// Drags a palette entry onto the empty row below a lane's last action.
pub fn drop_from_palette(
    harness: &mut egui_kittest::Harness<'static, stagecraft::StudyApp>,
    palette_label: &str,
    stage_label: &str,
    row: u32,
) {
    use egui_kittest::kittest::Queryable as _;
    let item = harness.get_by_label(palette_label).rect().center();
    let lane = harness.get_by_label(stage_label).rect();
    let y = lane.bottom() + stagecraft::pipeline::layout::ROW_H * (row as f32 - 0.5);
    let target = harness.state().canvas_to_screen(egui::pos2(lane.center().x, y));
    drag(harness, item, target);
}

/// Clicks at a screen position with a mouse button.
pub fn click_at(
    harness: &mut egui_kittest::Harness<'static, stagecraft::StudyApp>,
    pos: egui::Pos2,
    button: egui::PointerButton,
) {
    harness.hover_at(pos);
    harness.step();
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button,
            pressed,
            modifiers: egui::Modifiers::default(),
        });
    }
    harness.run_steps(2);
}

/// Runs this test binary again with only the ignored test `name` (its path in `main.rs`, such as
/// `hardening_crash::crash_child`), its output piped: how the crash tests start the children
/// they kill.
pub fn child_test(exe: &std::path::Path, name: &str) -> std::process::Command {
    let mut command = std::process::Command::new(exe);
    command
        .args(["--exact", name, "--ignored", "--nocapture", "--test-threads=1"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null());
    command
}

/// Whether cfn-lint is installed (CI installs it; a developer may not have it).
pub fn cfn_lint_available() -> bool {
    std::process::Command::new("cfn-lint")
        .arg("--version")
        .output()
        .is_ok()
}

/// Runs cfn-lint on a template and asserts it finds no error. Its exit code is a bit mask:
/// 2 errors, 4 warnings, 8 informational; 1 means it failed to run.
pub fn assert_cfn_lint_clean(template: &std::path::Path) {
    let output = std::process::Command::new("cfn-lint")
        .arg("--")
        .arg(template)
        .output()
        .unwrap();
    let code = output.status.code().unwrap_or(1);
    let report = String::from_utf8_lossy(&output.stdout);
    println!("cfn-lint {}: exit {code} {report}", template.display());
    assert!(
        code != 1 && code & 2 == 0,
        "{}: cfn-lint exit {code}\n{report}",
        template.display()
    );
}

/// The `stagecraft` binary this test run built.
pub fn stagecraft() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_stagecraft"))
}

/// The JSON a command printed, after checking that it exited 0 (its stderr is the message
/// otherwise).
pub fn json_output(out: &std::process::Output) -> serde_json::Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `history.ron` with `n` practice answers to DOP-C02 questions, one a second from a day before
/// `now`, two in three right.
pub fn history_ron(n: usize, now: u64) -> String {
    use std::fmt::Write as _;
    let course = stagecraft::course::load(&stagecraft::course::PackSource::embedded())
        .course
        .unwrap();
    let blueprint = course.blueprint_index("dop-c02").unwrap();
    let questions: Vec<&str> = course
        .questions
        .iter()
        .filter(|q| course.question_domain(q, blueprint).is_some())
        .map(|q| q.id.as_str())
        .collect();
    let mut answers = String::new();
    for k in 0..n {
        let _ = writeln!(
            answers,
            "(at_unix_secs: {}, session: 1, kind: Practice, question: {:?}, chosen: [0], correct: {}),",
            now - 86_400 + k as u64,
            questions[k * 7 % questions.len()],
            k % 3 != 0
        );
    }
    format!("(version: 1, answers: [{answers}])")
}

/// Writes `settings.ron` for a returning learner (the first-run welcome done) with these
/// settings.
pub fn write_settings(data_dir: &std::path::Path, settings: stagecraft::progress::Settings) {
    let settings = stagecraft::progress::Settings {
        welcome_done: true,
        ..settings
    };
    std::fs::write(
        data_dir.join("settings.ron"),
        stagecraft::progress::to_ron(&settings).unwrap(),
    )
    .unwrap();
}

/// Imports `diagram` through the window's import prompt, as a learner imports a file, and
/// lets the app settle.
pub fn import_diagram(
    harness: &mut egui_kittest::Harness<'static, stagecraft::StudyApp>,
    dir: &std::path::Path,
    diagram: &stagecraft::pipeline::Diagram,
) {
    use egui_kittest::kittest::Queryable as _;
    let path = dir.join("solution.ron");
    std::fs::write(
        &path,
        ron::ser::to_string_pretty(diagram, ron::ser::PrettyConfig::default()).unwrap(),
    )
    .unwrap();
    harness.get_by_label("Import…").click();
    harness.run_steps(2);
    harness.get_by_label("File").focus();
    harness
        .get_by_label("File")
        .type_text(&path.display().to_string());
    harness.run_steps(1);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Import")
        .click();
    harness.run_steps(4);
}
