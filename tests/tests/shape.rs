//! The code keeps its shape: no two source files of the app (its
//! `src-tauri/src/app/` rooms) or of the core refer to each other in a
//! circle, directly or through others. Dependencies run one way (faces →
//! dispatch → service; see docs/architecture.md); a circle is named file by
//! file so it can be broken where it was made.

use roletray_tests::module_graph::ModuleGraph;
use roletray_tests::workspace_root;
use std::path::Path;

fn assert_no_cycle(crate_src: &str, within: &str) {
    let src = workspace_root().join(crate_src);
    let graph = ModuleGraph::of_crate(&src)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", src.display()));
    let cycles = graph.cycles(Path::new(within));
    assert!(
        cycles.is_empty(),
        "files in {crate_src}/{within} refer to each other in a circle (break it by moving \
         the shared piece down, or by handing the lower file what it needs):\n  {}",
        cycles.join("\n  ")
    );
    // The check reads something: the rooms are there.
    assert!(
        graph.refers_to(&Path::new(within).join("mod.rs")).len()
            + graph.refers_to(Path::new("lib.rs")).len()
            > 0,
        "no references read in {crate_src}: has the layout moved?"
    );
}

#[test]
fn the_app_has_no_import_cycle() {
    assert_no_cycle("src-tauri/src", "app");
}

#[test]
fn the_core_has_no_import_cycle() {
    assert_no_cycle("src-tauri/core/src", "");
}
