//! Every sample builds to the same bytes in two processes — this test's, through the library, and
//! a fresh `recouvre build` — file by file: documents, stamped pièces (PDF, PNG and JPEG scans
//! embedded), `dossier-complet.pdf`, manifest and zip.

use std::path::Path;

use crate::support::{built, recouvre, sample, sample_names};

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
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
fn every_sample_builds_to_the_same_bytes_in_two_processes() {
    let mut stamped = 0;
    for name in sample_names() {
        let here = built(&name, &[]);
        let out = tempfile::tempdir().expect("tempdir");
        let run = recouvre().arg("build").arg(sample(&name)).arg("-o").arg(out.path()).output().expect("run");
        assert!(run.status.success(), "{name}: build failed:\n{}", String::from_utf8_lossy(&run.stderr));
        // SORTIE/<reference>/<date>-<étape>/
        let there = here.dir.iter().rev().take(2).collect::<Vec<_>>();
        let there = out.path().join(there[1]).join(there[0]);
        let (fa, fb) = (files(&here.dir), files(&there));
        let names = |f: &[(String, Vec<u8>)]| f.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(names(&fa), names(&fb), "{name}: the two builds wrote different files");
        for ((file, a), (_, b)) in fa.iter().zip(&fb) {
            assert!(a == b, "{name}: {file} differs between two processes");
        }
        assert!(names(&fa).iter().any(|n| n == "manifest.json"), "{name}: {:?}", names(&fa));
        if here.files.iter().any(|f| f.piece.is_some()) {
            assert!(names(&fa).iter().any(|n| n == "dossier-complet.pdf"), "{name}: merged dossier compared");
            stamped += names(&fa).iter().filter(|n| n.starts_with("pieces/")).count();
        }
    }
    assert!(stamped >= 20, "stamped pièces were compared ({stamped})");
}
