//! MinHash signatures of word 5-gram shingles, their LSH band keys, and the Jaccard
//! similarity two signatures estimate.

use twox_hash::XxHash3_64;

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;

/// The hash functions of one configuration: `num_perm` multiply-shift hashes of a shingle's
/// 64-bit hash, drawn from `seed`, so every build (and every shard) with one config agrees.
#[derive(Debug, Clone)]
pub struct MinHasher {
    multipliers: Vec<u64>,
    increments: Vec<u64>,
}

impl MinHasher {
    pub fn new(num_perm: usize, seed: u64) -> MinHasher {
        let mut state = seed;
        let mut draw = || splitmix64(&mut state);
        let (mut multipliers, mut increments) = (Vec::new(), Vec::new());
        for _ in 0..num_perm {
            // Odd multipliers make each hash a bijection of the shingle hash.
            multipliers.push(draw() | 1);
            increments.push(draw());
        }
        MinHasher {
            multipliers,
            increments,
        }
    }

    pub fn num_perm(&self) -> usize {
        self.multipliers.len()
    }

    /// The signature of `text`, `None` when it has no words. A text of fewer than five words
    /// is one shingle, so short copies still match.
    pub fn signature(&self, text: &str) -> Option<Vec<u32>> {
        let words: Vec<u64> = crate::text::words(text).map(word_hash).collect();
        if words.is_empty() {
            return None;
        }
        let shingles: Vec<u64> = words
            .windows(SHINGLE_WORDS.min(words.len()))
            .map(shingle_hash)
            .collect();
        let mut signature = vec![u32::MAX; self.num_perm()];
        let (a, b) = (&self.multipliers, &self.increments);
        // The same loop, compiled for the widest vectors the CPU has: 64-bit multiplies in
        // eight lanes (AVX-512DQ), four (AVX2), else two; the values are the same.
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::is_x86_feature_detected as has;
            if has!("avx512f") && has!("avx512dq") && has!("avx512vl") {
                // SAFETY: the CPU was just found to have these features.
                unsafe { lower_mins_avx512(&mut signature, a, b, &shingles) };
                return Some(signature);
            }
            if has!("avx2") {
                // SAFETY: the CPU was just found to have AVX2.
                unsafe { lower_mins_avx2(&mut signature, a, b, &shingles) };
                return Some(signature);
            }
        }
        lower_mins(&mut signature, a, b, &shingles);
        Some(signature)
    }
}

/// Lower each permutation's minimum to the shingles' values under it.
#[inline(always)]
fn lower_mins(signature: &mut [u32], multipliers: &[u64], increments: &[u64], shingles: &[u64]) {
    for &shingle in shingles {
        for ((min, a), b) in signature.iter_mut().zip(multipliers).zip(increments) {
            // The high half of a multiply-shift hash is the well-mixed half.
            let value = (a.wrapping_mul(shingle).wrapping_add(*b) >> 32) as u32;
            *min = (*min).min(value);
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512vl")]
unsafe fn lower_mins_avx512(signature: &mut [u32], a: &[u64], b: &[u64], shingles: &[u64]) {
    lower_mins(signature, a, b, shingles)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn lower_mins_avx2(signature: &mut [u32], a: &[u64], b: &[u64], shingles: &[u64]) {
    lower_mins(signature, a, b, shingles)
}

/// The key of each band of `rows` signature values: two documents are candidates when one
/// of their band keys is equal.
pub fn band_keys(signature: &[u32], bands: usize, rows: usize) -> impl Iterator<Item = u64> + '_ {
    (0..bands).map(move |band| {
        let values = &signature[band * rows..(band + 1) * rows];
        let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        XxHash3_64::oneshot(&bytes)
    })
}

/// The share of equal positions of two signatures: an unbiased estimate of the Jaccard
/// similarity of the two shingle sets.
pub fn estimated_jaccard(a: &[u32], b: &[u32]) -> f32 {
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    equal as f32 / a.len().max(1) as f32
}

/// Hash of a whole text, for telling exact copies from near ones.
pub fn text_hash(text: &str) -> u64 {
    XxHash3_64::oneshot(text.as_bytes())
}

fn word_hash(word: &str) -> u64 {
    if word.chars().any(char::is_uppercase) {
        XxHash3_64::oneshot(word.to_lowercase().as_bytes())
    } else {
        XxHash3_64::oneshot(word.as_bytes())
    }
}

fn shingle_hash(words: &[u64]) -> u64 {
    words.iter().fold(0x9e37_79b9_7f4a_7c15, |hash, word| {
        (hash.rotate_left(23) ^ word).wrapping_mul(0xff51_afd7_ed55_8ccd)
    })
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The central bank raised its main interest rate by a quarter point on \
        Thursday, the third increase this year, citing inflation that has stayed above its \
        target for eighteen months. Officials said further moves would depend on wage data \
        due next month and on how quickly energy prices fall back.";

    #[test]
    fn a_copy_has_the_same_signature_and_case_does_not_matter() {
        let hasher = MinHasher::new(64, 1);
        let a = hasher.signature(STORY).unwrap();
        assert_eq!(a, hasher.signature(&STORY.to_uppercase()).unwrap());
        assert_eq!(estimated_jaccard(&a, &a), 1.0);
    }

    #[test]
    fn the_estimate_follows_the_true_jaccard() {
        let hasher = MinHasher::new(256, 7);
        let edited = STORY.replace("eighteen months", "a year and a half");
        // Exact 5-gram Jaccard of the two texts.
        let shingles = |text: &str| -> std::collections::HashSet<Vec<String>> {
            let words: Vec<String> = crate::text::words(text).map(str::to_lowercase).collect();
            words.windows(5).map(<[String]>::to_vec).collect()
        };
        let (a, b) = (shingles(STORY), shingles(&edited));
        let exact = a.intersection(&b).count() as f32 / a.union(&b).count() as f32;
        let estimate = estimated_jaccard(
            &hasher.signature(STORY).unwrap(),
            &hasher.signature(&edited).unwrap(),
        );
        assert!((estimate - exact).abs() < 0.1, "{estimate} vs {exact}");
        assert!(exact < 0.9, "{exact}");
    }

    #[test]
    fn unrelated_texts_share_few_values_and_empty_text_has_none() {
        let hasher = MinHasher::new(128, 3);
        let other = "Rain is expected across the north of the country over the weekend, with \
            local flooding possible where rivers are already high after a wet autumn.";
        let estimate = estimated_jaccard(
            &hasher.signature(STORY).unwrap(),
            &hasher.signature(other).unwrap(),
        );
        assert!(estimate < 0.1, "{estimate}");
        assert_eq!(hasher.signature("  \n "), None);
    }

    #[test]
    fn every_vector_width_gives_the_same_values() {
        let hasher = MinHasher::new(120, 5);
        let (a, b) = (&hasher.multipliers, &hasher.increments);
        let shingles: Vec<u64> = (0..1000u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect();
        let mut portable = vec![u32::MAX; 120];
        lower_mins(&mut portable, a, b, &shingles);
        // The dispatched signature of a text equals the portable loop on its shingles.
        let words: Vec<u64> = crate::text::words(STORY).map(word_hash).collect();
        let story: Vec<u64> = words.windows(SHINGLE_WORDS).map(shingle_hash).collect();
        let mut expected = vec![u32::MAX; 120];
        lower_mins(&mut expected, a, b, &story);
        assert_eq!(hasher.signature(STORY).unwrap(), expected);
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::is_x86_feature_detected as has;
            if has!("avx2") {
                let mut wide = vec![u32::MAX; 120];
                unsafe { lower_mins_avx2(&mut wide, a, b, &shingles) };
                assert_eq!(wide, portable);
            }
            if has!("avx512f") && has!("avx512dq") && has!("avx512vl") {
                let mut wide = vec![u32::MAX; 120];
                unsafe { lower_mins_avx512(&mut wide, a, b, &shingles) };
                assert_eq!(wide, portable);
            }
        }
    }

    #[test]
    fn equal_bands_give_equal_keys() {
        let signature: Vec<u32> = (0..12).collect();
        let mut other = signature.clone();
        other[11] = 99;
        let a: Vec<u64> = band_keys(&signature, 3, 4).collect();
        let b: Vec<u64> = band_keys(&other, 3, 4).collect();
        assert_eq!(a[..2], b[..2]);
        assert_ne!(a[2], b[2]);
    }
}
