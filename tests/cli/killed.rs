//! Builds killed with SIGKILL in the middle of writing a PDF: no good PDF is lost, and
//! the next build sweeps what the killed one left.

use std::fs;
use std::path::Path;

use crate::support::*;

/// The files in `folder`, sorted.
fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A build is killed while it writes a PDF, held halfway through by the debug build's
/// seam (`BRIEF_TEST_HOLD_WRITE`): the half-written file is a temporary one, every PDF of
/// the last build is whole, and the next build sweeps the leftover.
#[cfg(unix)]
#[test]
fn a_build_killed_midway_loses_no_good_pdf() {
    let fixture = Fixture::copy_of("minimal");
    fixture.build(&[]).expect_code(0);
    let folder = fixture.root.join("out/minimal");
    let built = names_in(&folder);
    let good: Vec<Vec<u8>> = built.iter().map(|name| fs::read(folder.join(name)).unwrap()).collect();
    let check_good = |when: &str| {
        for (name, bytes) in built.iter().zip(&good) {
            assert!(fs::read(folder.join(name)).unwrap() == *bytes, "{name} changed or was cut {when}");
        }
    };
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["build", "--force", "--quiet", "--out", "out"])
        .env("BRIEF_TEST_HOLD_WRITE", ".pdf")
        .current_dir(&fixture.root)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let prefix = format!(".brief-{}-", child.id());
    let start = std::time::Instant::now();
    let half_written = loop {
        let temp = names_in(&folder).into_iter().find(|n| n.starts_with(&prefix) && n.ends_with(".tmp"));
        if let Some(temp) = temp.filter(|t| fs::metadata(folder.join(t)).is_ok_and(|m| m.len() > 0)) {
            break folder.join(temp);
        }
        check_good("while a PDF is written");
        assert!(child.try_wait().unwrap().is_none(), "the build ended before it was killed mid-write");
        assert!(start.elapsed().as_secs() < 30, "no PDF was being written: {:?}", names_in(&folder));
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    // SIGKILL: no chance to clean up.
    child.kill().unwrap();
    child.wait().unwrap();
    let cut = fs::read(&half_written).expect("the kill landed mid-write: the temporary file is left");
    let ends = cut.windows(5).any(|w| w == b"%%EOF");
    assert!(cut.starts_with(b"%PDF") && !ends, "the temporary file holds a PDF cut short");
    check_good("by the kill");
    let added: Vec<String> = names_in(&folder).into_iter().filter(|n| !built.contains(n)).collect();
    assert!(added.iter().all(|n| n.starts_with(&prefix)), "nothing but temporary files added: {added:?}");

    fixture.build(&[]).expect_code(0);
    assert_eq!(names_in(&folder), built, "the leftover is swept");
    check_good("by the next build");
}
