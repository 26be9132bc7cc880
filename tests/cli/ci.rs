//! CI output is never a command: under GitHub Actions no line brief prints on stdout or
//! stderr starts with `::` (after blanks, as the runner reads it) unless it is one of our
//! own annotations, whose text is escaped; and names and paths carry no raw newline into
//! any log.

use crate::support::*;

const GITHUB: &[(&str, &str)] = &[("GITHUB_ACTIONS", "true")];

/// A name a hostile fork could give a briefing folder.
const NAME: &str = "upr\n::warning file=x.toml::forged\n  ::add-mask::y";

/// Every line of `text` the runner would read as a workflow command, except our own
/// annotations (`::error file=…` / `::warning file=…` with an escaped message).
fn commands(text: &str, ours_allowed: bool) -> Vec<&str> {
    text.split(['\n', '\r'])
        .filter(|line| line.trim_start().starts_with("::") || line.contains("##["))
        .filter(|line| !(ours_allowed && (line.starts_with("::error ") || line.starts_with("::warning "))))
        .collect()
}

fn hostile_fixture() -> Fixture {
    let source = "lang = \"en\"\ntitle = \"A briefing\"\norganisation = \"Example Watch\"\nsituaton = 1\n";
    Fixture::new(NAME, source)
}

#[test]
fn a_folder_name_with_a_newline_forges_no_workflow_command() {
    let fixture = hostile_fixture();
    let run = brief_with_env(&fixture.root, &["check"], GITHUB);
    run.input_error();
    assert_eq!(commands(&run.stderr, false), Vec::<&str>::new(), "stderr:\n{}", run.stderr);
    assert_eq!(commands(&run.stdout, true), Vec::<&str>::new(), "stdout:\n{}", run.stdout);
    let annotation = run.stdout.lines().find(|l| l.starts_with("::error ")).expect("our annotation");
    assert!(
        annotation.contains("file=briefs/upr%0A%3A%3Awarning file=x.toml%3A%3Aforged%0A"),
        "{annotation}"
    );
    assert!(
        run.stderr.contains("briefs/upr\\n::warning file=x.toml::forged\\n  ::add-mask::y/brief.toml"),
        "{}",
        run.stderr
    );
}

#[test]
fn names_carry_no_raw_newline_outside_ci_either() {
    let fixture = hostile_fixture();
    let run = fixture.run(&["check"]);
    run.input_error();
    for line in run.stderr.lines() {
        assert!(!line.trim_start().starts_with("::"), "a line of its own: {line:?}\n{}", run.stderr);
    }
    assert!(run.stderr.contains("upr\\n::warning"), "{}", run.stderr);
}

#[test]
fn paths_on_stdout_and_usage_errors_forge_no_workflow_command() {
    let fixture = Fixture::copy_of("minimal");
    let run =
        brief_with_env(&fixture.root, &["build", "--format", "handout", "--out", "::warning::x"], GITHUB);
    run.expect_code(0);
    assert!(run.stdout.lines().any(|l| l.ends_with("minimal.en.handout.pdf")), "{}", run.stdout);
    assert_eq!(commands(&run.stdout, false), Vec::<&str>::new(), "stdout:\n{}", run.stdout);
    let run = brief_with_env(&fixture.root, &["build", "--format", "x\n::error::forged"], GITHUB);
    run.expect_code(2);
    assert_eq!(commands(&run.stderr, false), Vec::<&str>::new(), "stderr:\n{}", run.stderr);
    let run = brief_with_env(&fixture.root, &["check", "briefs/x\n::error::forged"], GITHUB);
    run.input_error().stderr_has("`briefs/x\\n::error::forged` does not exist");
    assert_eq!(commands(&run.stderr, false), Vec::<&str>::new(), "stderr:\n{}", run.stderr);
}
