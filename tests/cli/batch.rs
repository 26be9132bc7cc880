//! Batch builds: incremental rebuilds, --force, reproducibility, shards, machine-readable
//! output, GitHub annotations and ejected Typst projects.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::time::SystemTime;

use crate::support::*;

fn written(run: &Run) -> BTreeSet<String> {
    run.stdout.lines().map(|l| l.rsplit('/').next().unwrap_or(l).to_owned()).collect()
}

fn mtimes(dir: &Path) -> Vec<(String, SystemTime)> {
    let mut times: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.metadata().unwrap().modified().unwrap()))
        .collect();
    times.sort();
    times
}

#[test]
fn a_second_build_rewrites_nothing_and_one_translation_rebuilds_its_language() {
    let fixture = Fixture::example();
    let (copy, root) = (fixture.brief.clone(), fixture.root.clone());
    let out = root.join("out");
    let args = ["build", copy.to_str().unwrap(), "--out", out.to_str().unwrap()];
    assert_eq!(written(brief(&args).expect_code(0)).len(), 42);
    let pdfs = out.join("russia-behind-bars");
    let before = mtimes(&pdfs);
    let again = brief(&args);
    again.expect_code(0).stderr_has("up to date");
    assert!(again.stdout.is_empty(), "nothing written: {}", again.stdout);
    assert_eq!(mtimes(&pdfs), before, "no file touched");

    let french = fs::read_to_string(copy.join("fr.toml")).unwrap();
    fs::write(copy.join("fr.toml"), french.replace("Exploitation militaire", "L’exploitation militaire"))
        .unwrap();
    let expected: BTreeSet<String> =
        ["russia-behind-bars.fr.handout.pdf", "russia-behind-bars.fr.slides.pdf"].map(String::from).into();
    assert_eq!(written(brief(&args).expect_code(0)), expected);

    // A leave-behind holds only its State's findings: it is rebuilt when one of them
    // changes, and only then.
    let qatar = french.replace("Absence de mesures de prévention", "Absence de mesures préventives");
    assert_ne!(qatar, french, "the French title of Qatar's and Poland's finding");
    fs::write(copy.join("fr.toml"), qatar).unwrap();
    let expected: BTreeSet<String> = [
        "russia-behind-bars.fr.handout.pdf",
        "russia-behind-bars.fr.slides.pdf",
        "russia-behind-bars.fr.leave-behind.PL.pdf",
        "russia-behind-bars.fr.leave-behind.QA.pdf",
    ]
    .map(String::from)
    .into();
    assert_eq!(written(brief(&args).expect_code(0)), expected);

    // A comment changes nothing that goes into a PDF.
    let source = fs::read_to_string(copy.join("brief.toml")).unwrap();
    fs::write(copy.join("brief.toml"), format!("# a new comment\n{source}")).unwrap();
    assert!(brief(&args).stdout.is_empty());
    // A source text changes every language that falls back to it or shows it.
    fs::write(copy.join("brief.toml"), source.replace("zhargal.budaev@memohrc.org", "info@example.org"))
        .unwrap();
    assert_eq!(written(brief(&args).expect_code(0)).len(), 42);

    let forced = brief(&[&args[..], &["--force"]].concat());
    assert_eq!(written(forced.expect_code(0)).len(), 42);
}

#[test]
fn forced_builds_are_byte_identical_and_follow_source_date_epoch() {
    let dir = temp_dir();
    let build = |name: &str, env: &[(&str, &str)]| {
        let out = dir.path().join(name);
        brief_with_env(&root(), &["build", EXAMPLE, "--force", "--out", out.to_str().unwrap()], env)
            .expect_code(0);
        out.join("russia-behind-bars")
    };
    let read = |dir: &Path, name: &str| fs::read(dir.join(name)).unwrap();
    let names: Vec<String> = LANGUAGES
        .iter()
        .flat_map(|lang| {
            let leave_behinds = ["AM", "QA", "PL", "TH", "LK"].map(|state| format!("leave-behind.{state}"));
            let formats = ["handout".to_owned(), "slides".to_owned()].into_iter().chain(leave_behinds);
            formats.map(move |format| format!("russia-behind-bars.{lang}.{format}.pdf")).collect::<Vec<_>>()
        })
        .collect();
    let a = build("a", &[]);
    let first: Vec<Vec<u8>> = names.iter().map(|name| read(&a, name)).collect();
    // Forced again into the same folder: the slide sizes recorded by the first build are
    // reused instead of searched for, and must give the same bytes.
    let a = build("a", &[]);
    let b = build("b", &[]);
    let c = build("c", &[("SOURCE_DATE_EPOCH", "1700000000")]);
    for (name, first) in names.iter().zip(&first) {
        let (a, b, c) = (read(&a, name), read(&b, name), read(&c, name));
        assert!(a == b, "{name} differs between two builds");
        assert!(&a == first, "{name} differs when rebuilt with the recorded sizes");
        assert!(a != c, "{name} ignores SOURCE_DATE_EPOCH");
    }
    let doc = pdf(&c.join("russia-behind-bars.en.handout.pdf"));
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let created = doc.get_dictionary(info).unwrap().get(b"CreationDate").unwrap().as_str().unwrap().to_vec();
    assert!(
        String::from_utf8_lossy(&created).starts_with("D:20231114"),
        "{}",
        String::from_utf8_lossy(&created)
    );
}

#[test]
fn shards_split_the_outputs_exactly() {
    let dir = temp_dir();
    let mut all = BTreeSet::new();
    let mut total = 0;
    for shard in ["1/3", "2/3", "3/3"] {
        let out = dir.path().join(shard.replace('/', "-"));
        let run = brief(&["build", EXAMPLE, "--shard", shard, "--out", out.to_str().unwrap()]);
        let files = written(run.expect_code(0));
        total += files.len();
        all.extend(files);
    }
    assert_eq!((total, all.len()), (42, 42), "each output built exactly once");
    brief(&["build", "--shard", "4/3"]).expect_code(2).stderr_has("K must be between 1 and N");
}

#[test]
fn json_messages_describe_every_output_and_diagnostic() {
    let run =
        brief(&["check", fixture("unknown-translation-key").to_str().unwrap(), "--message-format", "json"]);
    run.expect_code(1);
    let lines: Vec<serde_json::Value> =
        run.stdout.lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    let outputs: Vec<_> = lines.iter().filter(|l| l["type"] == "output").collect();
    assert_eq!(outputs.len(), 4);
    assert_eq!(outputs.iter().filter(|o| o["status"] == "checked").count(), 2, "checked, not built");
    let error = lines.iter().find(|l| l["type"] == "diagnostic" && l["severity"] == "error").unwrap();
    assert_eq!(error["line"], 7);
    assert_eq!(error["column"], 8);
    assert!(error["file"].as_str().unwrap().ends_with("unknown-translation-key/fr.toml"));
    assert!(run.stderr.is_empty(), "no human output mixed in: {}", run.stderr);
}

#[test]
fn github_actions_get_annotations_with_file_line_and_column() {
    let run = brief_with_env(
        &root(),
        &["check", fixture("unknown-field").to_str().unwrap()],
        &[("GITHUB_ACTIONS", "true")],
    );
    run.expect_code(1);
    let annotation = run.stdout.lines().find(|l| l.starts_with("::error ")).expect("an annotation");
    assert!(
        annotation.contains("unknown-field/brief.toml,line=10,col=1::unknown field `situaton`"),
        "{annotation}"
    );
}

#[test]
fn quiet_builds_print_no_summary() {
    let dir = temp_dir();
    let run = brief(&[
        "build",
        fixture("minimal").to_str().unwrap(),
        "--quiet",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    run.expect_code(0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 2);
}

#[test]
fn emit_typst_writes_a_standalone_project_per_output() {
    let dir = temp_dir();
    let ejected = dir.path().join("typst");
    let out = dir.path().join("out");
    brief(&[
        "build",
        EXAMPLE,
        "--lang",
        "ar",
        "--emit-typst",
        ejected.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    for format in ["handout", "slides"] {
        let project = ejected.join(format!("russia-behind-bars.ar.{format}"));
        for file in ["main.typ", "theme.typ", "lib.typ", "fit.typ", "data.json", "fit.json"] {
            assert!(project.join(file).is_file(), "{format}: {file}");
        }
        let main = fs::read_to_string(project.join("main.typ")).unwrap();
        assert!(
            main.contains(&format!("// The {}", if format == "handout" { "handout" } else { "slide deck" }))
        );
        let data: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(project.join("data.json")).unwrap()).unwrap();
        assert_eq!(data["dir"], "rtl");
        // The sizes and cuts chosen for slide bodies travel with the project, so that stock
        // Typst sets the same pages.
        let fit: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(project.join("fit.json")).unwrap()).unwrap();
        if format == "slides" {
            let sizes = fit["sizes"].as_object().expect("sizes");
            assert!(sizes.values().all(|s| s.as_f64().is_some_and(|s| (14.0..=29.0).contains(&s))), "{fit}");
            // Short bodies are set larger than their design size.
            assert!(sizes.values().any(|s| s.as_f64().is_some_and(|s| s > 23.0)), "{fit}");
        } else {
            assert_eq!(fit, serde_json::json!({ "sizes": {} }));
        }
    }
}

#[test]
fn hundreds_of_outputs_build_in_one_process() {
    // A regression test: outputs laid out on rayon's own workers once overflowed the
    // stack after about a hundred outputs, through nested work stealing.
    let dir = temp_dir();
    let source = fs::read_to_string(root().join(EXAMPLE).join("brief.toml")).unwrap();
    for i in 0..80 {
        let brief = dir.path().join(format!("briefs/b{i:02}"));
        fs::create_dir_all(&brief).unwrap();
        fs::write(
            brief.join("brief.toml"),
            source.replace("Inadequate criminal", &format!("Inadequate ({i}) criminal")),
        )
        .unwrap();
    }
    let run = brief_in(dir.path(), &["build", "--quiet", "--format", "handout", "--format", "slides"]);
    run.expect_code(0);
    assert_eq!(run.stdout.lines().count(), 160);
}

#[test]
fn a_corrupt_translation_lock_is_an_error_at_its_line_and_column() {
    let fixture = Fixture::example();
    let (copy, root) = (fixture.brief.clone(), fixture.root.clone());
    fs::write(copy.join("translations.lock"), "[languages.fr\nbroken =\n").unwrap();
    let out = root.join("out");
    let run = brief(&[
        "build",
        copy.to_str().unwrap(),
        "--lang",
        "fr",
        "--format",
        "handout",
        "--out",
        out.to_str().unwrap(),
    ]);
    run.expect_code(1)
        .stderr_has("error: invalid translation lock")
        .stderr_has("translations.lock:1:14")
        .stderr_has("run `brief i18n update <lang>` to rebuild it");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn an_output_folder_that_cannot_be_written_is_an_error_not_a_panic() {
    let dir = temp_dir();
    let blocker = dir.path().join("not-a-folder");
    fs::write(&blocker, "").unwrap();
    let run =
        brief(&["build", EXAMPLE, "--lang", "en", "--format", "handout", "--out", blocker.to_str().unwrap()]);
    run.expect_code(1).stderr_has("error: cannot write `").stderr_has("russia-behind-bars.en.handout.pdf");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(fs::read(&blocker).unwrap(), b"", "the file in the way is left alone");
}

#[test]
fn recorded_sizes_that_do_not_fit_are_searched_again() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    let args =
        ["build", EXAMPLE, "--lang", "ru", "--format", "slides", "--force", "--out", out.to_str().unwrap()];
    brief(&args).expect_code(0);
    let cache_path = out.join(".brief-cache.json");
    let expected = fs::read(example_pdf("ru", "slides")).unwrap();
    // Recorded at the design sizes, on one slide each, where bodies run over; then not JSON
    // at all. Either way the search runs again and settles where it did.
    for sizes in ["{}", "{not json"] {
        let mut cache: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&cache_path).unwrap()).unwrap();
        for entry in cache.as_object_mut().unwrap().values_mut() {
            entry["sizes"] = sizes.into();
        }
        fs::write(&cache_path, cache.to_string()).unwrap();
        brief(&args).expect_code(0);
        let pdf = out.join("russia-behind-bars/russia-behind-bars.ru.slides.pdf");
        assert!(fs::read(pdf).unwrap() == expected, "{sizes}: not the searched sizes");
    }
}
