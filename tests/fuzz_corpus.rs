//! Replays the saved fuzz corpus (and any crash reproducers kept in
//! `fuzz/regressions/`) through the fuzz entry points: none may panic.

use std::path::Path;

fn replay(folder: &str, target: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(folder);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in &paths {
        let data = std::fs::read(path).unwrap();
        target(&data);
    }
    paths.len()
}

#[test]
fn profile_corpus_replays_without_panic() {
    assert!(replay("corpus/profile", dgplan::fuzz::profile) >= 5);
    replay("regressions/profile", dgplan::fuzz::profile);
}

#[test]
fn readiness_corpus_replays_without_panic() {
    assert!(replay("corpus/readiness", dgplan::fuzz::readiness) >= 5);
    replay("regressions/readiness", dgplan::fuzz::readiness);
}

#[test]
fn framework_corpus_replays_without_panic() {
    // One case or more per framework file, precedents.toml included.
    assert!(replay("corpus/framework", dgplan::fuzz::framework) >= 8);
    replay("regressions/framework", dgplan::fuzz::framework);
}
