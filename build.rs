//! Fingerprints the assets embedded in the binary (templates, fonts, data), so that an
//! incremental build knows to redo every output when any of them changes.

use std::fs;
use std::path::Path;

fn main() {
    let mut hash = Fnv(0xcbf2_9ce4_8422_2325);
    for dir in ["templates", "fonts", "data"] {
        println!("cargo:rerun-if-changed={dir}");
        feed_dir(Path::new(dir), &mut hash);
    }
    println!("cargo:rustc-env=BRIEF_ASSETS_HASH={:016x}", hash.0);
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}

fn feed_dir(dir: &Path, hash: &mut Fnv) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            feed_dir(&path, hash);
        } else if NOT_EMBEDDED.iter().any(|skip| path == Path::new(skip)) {
            continue;
        } else if let Ok(bytes) = fs::read(&path) {
            hash.feed(path.to_string_lossy().as_bytes());
            hash.feed(&bytes);
        }
    }
}

/// Files among the assets that the binary does not embed: the template authors' guide and
/// its example data. A change to them changes no output.
const NOT_EMBEDDED: [&str; 2] = ["templates/README.md", "templates/data.json"];

/// FNV-1a, 64 bits: stable, and fast enough for 10 MB of fonts in a build script.
struct Fnv(u64);

impl Fnv {
    fn feed(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}
