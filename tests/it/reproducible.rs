//! Two builds of one case give the same bytes, file by file, zip and manifest included.

use crate::support::{engine, request, sample};

fn files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e.path().strip_prefix(dir).expect("inside").to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).expect("read"))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn two_builds_are_byte_identical() {
    for name in ["relances-en-cours", "attente-delai"] {
        let a = tempfile::tempdir().expect("tempdir");
        let b = tempfile::tempdir().expect("tempdir");
        let one = recouvre::pipeline::build(engine(), &request(&sample(name), a.path(), &[])).expect("first build");
        let two = recouvre::pipeline::build(engine(), &request(&sample(name), b.path(), &[])).expect("second build");
        let (fa, fb) = (files(&one.dir), files(&two.dir));
        assert_eq!(fa.iter().map(|f| &f.0).collect::<Vec<_>>(), fb.iter().map(|f| &f.0).collect::<Vec<_>>());
        for ((name_a, bytes_a), (_, bytes_b)) in fa.iter().zip(&fb) {
            assert!(bytes_a == bytes_b, "{name}: {name_a} differs between two builds");
        }
        assert!(
            fa.len() >= 4,
            "{name}: expected PDFs, manifest and zip, got {:?}",
            fa.iter().map(|f| &f.0).collect::<Vec<_>>()
        );
    }
}
