//! Where the time of `vendorspec traffic` goes, on one thread: scanning a capture into
//! entries alone, then scanning and checking each entry.
//!
//!   cargo run --release -p vendorspec-traffic --example throughput -- CAPTURE.har

use std::io::BufReader;
use std::time::Instant;

use vendorspec_traffic::{Checker, Entries};

fn main() {
    let path = std::env::args().nth(1).expect("a HAR file");
    let open = || BufReader::with_capacity(1 << 20, std::fs::File::open(&path).unwrap());
    let start = Instant::now();
    let mut bytes = 0;
    let count = Entries::new(open())
        .map(|e| bytes += e.unwrap().bytes.len())
        .count();
    let scan = start.elapsed();
    let checker = Checker::new(vendorspec::ENDPOINTS, &[]).unwrap();
    let start = Instant::now();
    let mut errors = 0;
    for (i, e) in Entries::new(open()).enumerate() {
        errors += checker.check(i, &e.unwrap()).unwrap().errors();
    }
    let all = start.elapsed();
    println!(
        "{count} entries ({bytes} bytes): scan {:.1} ms, scan + check {:.1} ms ({errors} errors)",
        scan.as_secs_f64() * 1e3,
        all.as_secs_f64() * 1e3
    );
}
