//! A property test over template overrides, as a hostile contributor would write them:
//! pieces of Typst that loop, grow memory, import packages, load plugins, read outside
//! the briefing or write nonsense, put together at random into `templates/handout.typ`.
//! Each case runs the binary with a short deadline and checks that it ends in time,
//! never panics or aborts, fails at a file of the briefing when it fails, leaves no PDF when
//! it fails and never shows the file outside the folder.

use std::time::{Duration, Instant};

use proptest::prelude::*;

use crate::support::*;

/// A line that a file beside the briefing's folder holds: never to be printed.
const SECRET: &str = "SECRET-t3mpl4te";

/// Pieces of an override template.
const PIECES: &[&str] = &[
    "#let data = json(\"/data.json\")\n#set document(title: data.title-plain)\n#set text(font: \"Noto Sans\")\nOwn: #data.title-plain\n",
    "#for i in range(100000) { for j in range(100000) { } }\n",
    "#let s = \"ab\"\n#for i in range(64) { s = s + s }\n#s.len()\n",
    "#import \"@preview/cetz:0.3.0\": canvas\n",
    "#plugin(\"x.wasm\")\n",
    "#read(\"/brief/../outside.txt\")\n",
    "#read(\"../outside.txt\")\n",
    "#image(\"/brief/../outside.txt\")\n",
    "#let x = (1, 2\n",
    "#panic(\"from the template\")\n",
    "#while true { }\n",
    "#let f(n) = f(n + 1)\n#f(0)\n",
    "#set page(width: 1pt, height: 1pt)\nText that does not fit\n",
    "#json(\"/fit.json\")\n",
];

fn template() -> impl Strategy<Value = String> {
    prop::collection::vec(0..PIECES.len(), 1..4)
        .prop_map(|picks| picks.into_iter().map(|i| PIECES[i]).collect())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("TEMPLATE_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(6),
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(20),
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_hostile_override_fails_cleanly_and_in_time(template in template()) {
        let fixture = Fixture::copy_of("minimal").file("templates/handout.typ", &template);
        std::fs::write(fixture.root.join("briefs/outside.txt"), SECRET).expect("write the secret");
        let start = Instant::now();
        let run = fixture.build(&["--format", "handout", "--template-timeout", "3", "--template-memory", "1024"]);
        let took = start.elapsed();
        prop_assert!(took < Duration::from_secs(40), "took {took:?} for:\n{template}");
        prop_assert!(run.code == 0 || run.code == 1, "exit {} for:\n{template}\n{}", run.code, run.stderr);
        // A Rust panic, not the template's own `panic()` reported as an error.
        prop_assert!(!run.stderr.contains("panicked at"), "{}", run.stderr);
        prop_assert!(!run.stderr.contains(SECRET) && !run.stdout.contains(SECRET), "{}", run.stderr);
        let pdf = fixture.pdf("en", "handout");
        if run.code == 1 {
            prop_assert!(run.stderr.contains("briefs/minimal/"), "the error names the briefing's file:\n{}", run.stderr);
            prop_assert!(!pdf.exists(), "a failed output leaves no PDF");
        } else {
            let bytes = std::fs::read(&pdf).expect("a built PDF");
            prop_assert!(!String::from_utf8_lossy(&bytes).contains(SECRET), "the PDF holds the secret");
        }
    }
}
