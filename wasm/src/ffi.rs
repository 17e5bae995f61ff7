//! C ABI for the WebAssembly build. Handles are pointers into linear memory; arrays are passed as
//! (pointer, length) pairs into buffers the caller got from `mm_alloc`. Only i32/f64 cross the
//! boundary (no i64/BigInt). Any export that allocates may grow the memory, which detaches the
//! caller's typed-array views: the TypeScript side re-creates views after each call.
#![allow(clippy::missing_safety_doc)]

use crate::book::Book;
use crate::orders::QueueModel;
use crate::risk::{self, Risk};
use crate::select;
use std::alloc::{alloc, dealloc, Layout};

unsafe fn sl<'a, T>(p: *const T, n: usize) -> &'a [T] {
    if n == 0 || p.is_null() {
        &[]
    } else {
        std::slice::from_raw_parts(p, n)
    }
}

unsafe fn sl_mut<'a, T>(p: *mut T, n: usize) -> &'a mut [T] {
    if n == 0 || p.is_null() {
        &mut []
    } else {
        std::slice::from_raw_parts_mut(p, n)
    }
}

/// Allocates `size` bytes aligned to 8 (null for size 0).
#[no_mangle]
pub extern "C" fn mm_alloc(size: usize) -> *mut u8 {
    if size == 0 {
        return std::ptr::null_mut();
    }
    unsafe { alloc(Layout::from_size_align_unchecked(size, 8)) }
}

/// Frees a block from `mm_alloc` (same size).
#[no_mangle]
pub unsafe extern "C" fn mm_free(ptr: *mut u8, size: usize) {
    if !ptr.is_null() && size > 0 {
        dealloc(ptr, Layout::from_size_align_unchecked(size, 8));
    }
}

/// New book: tick size, dense window width in ticks, queue model kind, power n, lot size.
#[no_mangle]
pub extern "C" fn book_new(tick: f64, width: u32, model: u32, n: f64, lot: f64) -> *mut Book {
    let m = QueueModel { kind: model, n, lot: if lot > 0.0 { lot } else { 1e-9 } };
    Box::into_raw(Box::new(Book::new(tick, width as usize, m)))
}

/// Frees a book.
#[no_mangle]
pub unsafe extern "C" fn book_free(b: *mut Book) {
    if !b.is_null() {
        drop(Box::from_raw(b));
    }
}

/// Applies `n` events (kinds u8, prices f64, quantities f64); returns the rejected count.
#[no_mangle]
pub unsafe extern "C" fn book_apply(
    b: *mut Book,
    kinds: *const u8,
    px: *const f64,
    qty: *const f64,
    n: usize,
) -> u32 {
    (*b).apply(sl(kinds, n), sl(px, n), sl(qty, n))
}

/// Clears the book and applies `n` level events; returns the rejected count.
#[no_mangle]
pub unsafe extern "C" fn book_apply_snapshot(
    b: *mut Book,
    kinds: *const u8,
    px: *const f64,
    qty: *const f64,
    n: usize,
) -> u32 {
    (*b).apply_snapshot(sl(kinds, n), sl(px, n), sl(qty, n))
}

/// Writes [count, id*, side*, price*, qty*, leaves*, event*] of the last batch's fills.
#[no_mangle]
pub unsafe extern "C" fn book_fills(b: *const Book, out: *mut u32) {
    let f = &(*b).fills;
    let o = sl_mut(out, 7);
    o[0] = f.len() as u32;
    o[1] = f.id.as_ptr() as u32;
    o[2] = f.side.as_ptr() as u32;
    o[3] = f.price.as_ptr() as u32;
    o[4] = f.qty.as_ptr() as u32;
    o[5] = f.leaves.as_ptr() as u32;
    o[6] = f.event.as_ptr() as u32;
}

/// Writes [bid px, bid qty, ask px, ask qty, mid, spread, microprice, crossed, bid levels,
/// ask levels]; prices are NaN (quantities 0) for an empty side.
#[no_mangle]
pub unsafe extern "C" fn book_top(b: *const Book, out: *mut f64) {
    let b = &*b;
    let o = sl_mut(out, 10);
    let (bb, ba) = (b.bids.best, b.asks.best);
    o[0] = if b.bids.is_empty() { f64::NAN } else { b.price(bb) };
    o[1] = if b.bids.is_empty() { 0.0 } else { b.bids.get(bb) };
    o[2] = if b.asks.is_empty() { f64::NAN } else { b.price(ba) };
    o[3] = if b.asks.is_empty() { 0.0 } else { b.asks.get(ba) };
    o[4] = b.mid();
    // From the tick difference: exact on decimal grids (0.1, not 0.09999999999999432).
    o[5] = if b.bids.is_empty() || b.asks.is_empty() { f64::NAN } else { b.price(ba - bb) };
    o[6] = b.microprice();
    o[7] = if b.crossed() { 1.0 } else { 0.0 };
    o[8] = b.bids.level_count() as f64;
    o[9] = b.asks.level_count() as f64;
}

/// Best price of side 0 (bid) / 1 (ask), NaN when empty.
#[no_mangle]
pub unsafe extern "C" fn book_best(b: *const Book, side: u32) -> f64 {
    let s = (*b).side(side as u8);
    if s.is_empty() {
        f64::NAN
    } else {
        (*b).price(s.best)
    }
}

/// Best tick of a side as f64 (NaN when empty): exact for |tick| < 2^53.
#[no_mangle]
pub unsafe extern "C" fn book_best_tick(b: *const Book, side: u32) -> f64 {
    let s = (*b).side(side as u8);
    if s.is_empty() {
        f64::NAN
    } else {
        s.best as f64
    }
}

/// Quantity at a price on a side (0 when no level or a bad price).
#[no_mangle]
pub unsafe extern "C" fn book_qty_at(b: *const Book, side: u32, price: f64) -> f64 {
    match (*b).to_tick(price) {
        Some(t) => (*b).side(side as u8).get(t),
        None => 0.0,
    }
}

/// Mid price (NaN when a side is empty).
#[no_mangle]
pub unsafe extern "C" fn book_mid(b: *const Book) -> f64 {
    (*b).mid()
}

/// Microprice (NaN when a side is empty).
#[no_mangle]
pub unsafe extern "C" fn book_microprice(b: *const Book) -> f64 {
    (*b).microprice()
}

/// Imbalance over the top `n` levels.
#[no_mangle]
pub unsafe extern "C" fn book_imbalance(b: *const Book, n: u32) -> f64 {
    (*b).imbalance(n as usize)
}

/// Top `n` levels of a side into `px`/`qty`; returns the count.
#[no_mangle]
pub unsafe extern "C" fn book_depth(
    b: *const Book,
    side: u32,
    n: u32,
    px: *mut f64,
    qty: *mut f64,
) -> u32 {
    let n = n as usize;
    (*b).depth(side as u8, n, sl_mut(px, n), sl_mut(qty, n)) as u32
}

/// Sum of the top `n` quantities of a side.
#[no_mangle]
pub unsafe extern "C" fn book_depth_sum(b: *const Book, side: u32, n: u32) -> f64 {
    (*b).depth_sum(side as u8, n as usize)
}

/// Walks a side for `size`: writes [vwap, filled, worst price].
#[no_mangle]
pub unsafe extern "C" fn book_vwap(b: *const Book, side: u32, size: f64, out: *mut f64) {
    let (v, f, w) = (*b).vwap(side as u8, size);
    let o = sl_mut(out, 3);
    o[0] = v;
    o[1] = f;
    o[2] = w;
}

/// Adds an own order: 0 ok, -1 duplicate id, -2 bad input.
#[no_mangle]
pub unsafe extern "C" fn book_add_order(b: *mut Book, id: u32, side: u32, px: f64, q: f64) -> i32 {
    if side > 1 {
        return -2;
    }
    (*b).add_order(id, side as u8, px, q)
}

/// Cancels an own order: 1 when it was resting.
#[no_mangle]
pub unsafe extern "C" fn book_cancel_order(b: *mut Book, id: u32) -> u32 {
    (*b).cancel_order(id) as u32
}

/// Writes [side, price, leaves, queue ahead] of a resting order; 0 when unknown.
#[no_mangle]
pub unsafe extern "C" fn book_order(b: *const Book, id: u32, out: *mut f64) -> u32 {
    match (*b).order(id) {
        Some(o) => {
            let v = sl_mut(out, 4);
            v[0] = o.side as f64;
            v[1] = (*b).price(o.tick);
            v[2] = o.leaves;
            v[3] = o.front;
            1
        }
        None => 0,
    }
}

/// Number of resting own orders.
#[no_mangle]
pub unsafe extern "C" fn book_order_count(b: *const Book) -> u32 {
    (*b).order_count() as u32
}

/// New risk core for `n` symbols.
#[no_mangle]
pub extern "C" fn risk_new(n: u32, max_symbol: f64, max_total: f64) -> *mut Risk {
    Box::into_raw(Box::new(Risk::new(n as usize, max_symbol, max_total)))
}

/// Frees a risk core.
#[no_mangle]
pub unsafe extern "C" fn risk_free(r: *mut Risk) {
    if !r.is_null() {
        drop(Box::from_raw(r));
    }
}

/// Sets marks for `n` (symbol, price) pairs; returns the number of unknown symbols.
#[no_mangle]
pub unsafe extern "C" fn risk_set_marks(r: *mut Risk, s: *const u32, px: *const f64, n: usize) -> u32 {
    let r = &mut *r;
    let mut bad = 0;
    for (&i, &p) in sl(s, n).iter().zip(sl(px, n)) {
        match r.mark.get_mut(i as usize) {
            Some(m) if p.is_finite() => *m = p,
            _ => bad += 1,
        }
    }
    bad
}

/// Applies `n` signed fills (symbol, qty); returns the number rejected.
#[no_mangle]
pub unsafe extern "C" fn risk_apply_fills(r: *mut Risk, s: *const u32, q: *const f64, n: usize) -> u32 {
    let r = &mut *r;
    let mut bad = 0;
    for (&i, &x) in sl(s, n).iter().zip(sl(q, n)) {
        if !r.on_fill(i as usize, x) {
            bad += 1;
        }
    }
    bad
}

/// Position of a symbol (NaN when unknown).
#[no_mangle]
pub unsafe extern "C" fn risk_position(r: *const Risk, s: u32) -> f64 {
    *(*r).pos.get(s as usize).unwrap_or(&f64::NAN)
}

/// |position × mark| of a symbol.
#[no_mangle]
pub unsafe extern "C" fn risk_notional(r: *const Risk, s: u32) -> f64 {
    (*r).notional(s as usize)
}

/// Σ |position × mark|.
#[no_mangle]
pub unsafe extern "C" fn risk_total_notional(r: *const Risk) -> f64 {
    (*r).total_notional()
}

/// Total notional / max total.
#[no_mangle]
pub unsafe extern "C" fn risk_ratio(r: *const Risk) -> f64 {
    (*r).ratio()
}

/// Records and returns the current risk ratio.
#[no_mangle]
pub unsafe extern "C" fn risk_sample(r: *mut Risk) -> f64 {
    (*r).sample()
}

/// Number of risk samples.
#[no_mangle]
pub unsafe extern "C" fn risk_sample_count(r: *const Risk) -> u32 {
    (*r).samples.len() as u32
}

/// Nearest-rank percentile of the risk samples.
#[no_mangle]
pub unsafe extern "C" fn risk_sample_percentile(r: *const Risk, q: f64) -> f64 {
    (*r).sample_percentile(q)
}

/// Pre-trade check: 1 when the order keeps both limits.
#[no_mangle]
pub unsafe extern "C" fn risk_check_order(r: *const Risk, s: u32, q: f64, px: f64) -> u32 {
    (*r).check_order(s as usize, q, px) as u32
}

/// Annualised log-return volatility (bps) of the last `window` of `n` prices.
#[no_mangle]
pub unsafe extern "C" fn vol_bps(px: *const f64, n: usize, window: u32) -> f64 {
    risk::vol_bps(sl(px, n), window as usize)
}

/// Nearest-rank percentiles `qs[0..m]` of `v[0..n]` into `out` (reorders `v`).
#[no_mangle]
pub unsafe extern "C" fn percentiles(v: *mut f64, n: usize, qs: *const f64, m: usize, out: *mut f64) {
    select::percentiles(sl_mut(v, n), sl(qs, m), sl_mut(out, m));
}
