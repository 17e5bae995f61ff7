//! Native benchmark of the same book code the WASM build runs, on the real Binance diffs.
//!
//!   deno run -A tests/bench/export_core_events.ts /tmp/mmsoak_binance.bin   (flatten the data)
//!   cargo run --release --example bench -- /tmp/mmsoak_binance.bin
//!
//! File layout (little endian): u32 snapshot levels, u32 messages, u32 diff levels; snapshot
//! kinds (u8), prices (f64), qtys (f64); message end offsets (u32); diff kinds, prices, qtys.
//! Prints on-CPU ns per level update (one `apply` per diff message, as a replayer calls it) and the time
//! of a p95 over 10^6 values by quickselect.

use mmsoak_core::book::Book;
use mmsoak_core::orders::{QueueModel, MODEL_PROB_POWER};
use mmsoak_core::select;
use std::time::Instant;

/// On-CPU time of this thread in ns (Linux schedstat), else wall time: the build machine is
/// shared, and wall time measures the load more than the code.
fn cpu_ns(wall: &Instant) -> f64 {
    match std::fs::read_to_string("/proc/thread-self/schedstat") {
        Ok(s) => s.split(' ').next().and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0),
        Err(_) => wall.elapsed().as_nanos() as f64,
    }
}

struct Reader<'a>(&'a [u8], usize);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> &'a [u8] {
        let s = &self.0[self.1..self.1 + n];
        self.1 += n;
        s
    }
    fn u32s(&mut self, n: usize) -> Vec<u32> {
        self.take(4 * n).chunks(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()
    }
    fn f64s(&mut self, n: usize) -> Vec<f64> {
        self.take(8 * n)
            .chunks(8)
            .map(|c| f64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect()
    }
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: bench <events.bin>");
    let bytes = std::fs::read(&path).expect("cannot read the events file");
    let mut r = Reader(&bytes, 0);
    let head = r.u32s(3);
    let (ns, nm, nl) = (head[0] as usize, head[1] as usize, head[2] as usize);
    let (sk, sp, sq) = (r.take(ns).to_vec(), r.f64s(ns), r.f64s(ns));
    let ends = r.u32s(nm);
    let (k, p, q) = (r.take(nl).to_vec(), r.f64s(nl), r.f64s(nl));

    let origin = Instant::now();
    let model = QueueModel { kind: MODEL_PROB_POWER, n: 3.0, lot: 1e-9 };
    let reps = 50;
    let mut best = f64::INFINITY;
    let mut check = 0.0;
    for _ in 0..reps {
        let mut book = Book::new(0.1, 32768, model);
        book.apply_snapshot(&sk, &sp, &sq);
        let t0 = cpu_ns(&origin);
        let mut a = 0usize;
        for &e in &ends {
            let e = e as usize;
            book.apply(&k[a..e], &p[a..e], &q[a..e]);
            a = e;
        }
        let dt = cpu_ns(&origin) - t0;
        best = best.min(dt);
        check += book.mid();
    }
    println!(
        "native book: {} diff messages, {} level updates, best of {}: {:.1} ns/update (mid check {:.1})",
        nm,
        nl,
        reps,
        best / nl as f64,
        check / reps as f64
    );

    // p95 of 10^6 values (Lehmer generator, as tests/bench/core_bench.ts).
    let mut x: u64 = 1;
    let vals: Vec<f64> = (0..1_000_000)
        .map(|_| {
            x = x * 48271 % 2147483647;
            x as f64 / 2147483647.0
        })
        .collect();
    let mut best = f64::INFINITY;
    let mut p95 = 0.0;
    for _ in 0..10 {
        let mut v = vals.clone();
        let mut out = [0.0];
        let t0 = cpu_ns(&origin);
        select::percentiles(&mut v, &[0.95], &mut out);
        best = best.min(cpu_ns(&origin) - t0);
        p95 = out[0];
    }
    println!("native quickselect p95 of 10^6 values: {:.2} ms (p95 {:.6})", best / 1e6, p95);
}
