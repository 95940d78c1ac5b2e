//! The estimate learner on synthetic histories: it converges to each tag's true ratio, beats
//! the naive "use the estimate", and does not move on one sample.

use miraage_services::history::learn::{hint, Learner, Sample, MIN_SAMPLES};

/// A small deterministic generator (xorshift64*), so the history is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A standard normal draw (Box–Muller).
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.next().max(1e-12), self.next());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

const TAGS: [(&str, f64); 5] = [("writing", 1.4), ("email", 0.8), ("review", 1.0), ("deep", 1.8), ("admin", 1.2)];

/// 500 finished tasks: a tag each, an estimate of 15 min to 4 h, and the actual time its
/// tag's true ratio times the estimate with log-normal noise (σ = 0.3).
fn history() -> Vec<(usize, Sample)> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..500)
        .map(|_| {
            let tag = (rng.next() * TAGS.len() as f64) as usize % TAGS.len();
            let estimate = 15 + (rng.next() * 225.0) as u32;
            let actual = (f64::from(estimate) * TAGS[tag].1 * (0.3 * rng.normal()).exp()).round().max(1.0) as u32;
            (tag, Sample { keys: vec![format!("#{}", TAGS[tag].0)], estimate_min: estimate, actual_min: actual })
        })
        .collect()
}

/// Mean |ln(predicted / actual)|.
fn error(pairs: &[(f64, u32)]) -> f64 {
    pairs.iter().map(|(p, a)| (p / f64::from(*a)).ln().abs()).sum::<f64>() / pairs.len() as f64
}

#[test]
fn the_learner_converges_to_each_tags_true_ratio_and_beats_the_naive_estimate() {
    let history = history();
    // Each task predicted from the tasks finished before it, as it would have been planned.
    let mut learner = Learner::default();
    let (mut learned, mut naive) = (Vec::new(), Vec::new());
    for (_, s) in &history {
        learned.push((learner.predict(&s.keys, s.estimate_min), s.actual_min));
        naive.push((f64::from(s.estimate_min), s.actual_min));
        learner.add(s);
    }
    let (e_learned, e_naive) = (error(&learned), error(&naive));
    let (late_learned, late_naive) = (error(&learned[250..]), error(&naive[250..]));
    println!("mean |log error| over 500 tasks: learned {e_learned:.3}, naive {e_naive:.3}");
    println!("second half (250 tasks):        learned {late_learned:.3}, naive {late_naive:.3}");
    for (tag, truth) in TAGS {
        let f = learner.factor_of(&format!("#{tag}")).unwrap();
        println!("#{tag}: true {truth:.2}, learned {:.3} from {} samples", f.ratio, f.samples);
        assert!((f.ratio / truth).ln().abs() < 0.08, "#{tag}: learned {} against {truth}", f.ratio);
    }
    assert!(e_learned < 0.8 * e_naive, "learned {e_learned} against naive {e_naive}");
    // Once learned it is about as good as the noise allows (σ = 0.3: E|N| ≈ 0.24).
    assert!(late_learned < 0.28, "{late_learned}");
}

#[test]
fn one_sample_does_not_move_the_estimate() {
    let one = Sample { keys: vec!["#writing".into()], estimate_min: 60, actual_min: 240 };
    let learner = Learner::fit(std::slice::from_ref(&one));
    assert_eq!(learner.factor(&one.keys), None);
    assert_eq!(learner.predict(&one.keys, 60), 60.0);
    assert_eq!(hint(&learner, &["writing".into()], None, 60), None);
    // Even at the minimum count the factor is shrunk well short of the samples' ratio.
    let few = vec![one; MIN_SAMPLES as usize];
    let f = Learner::fit(&few).factor(&few[0].keys).unwrap();
    assert!(f.ratio > 1.0 && f.ratio < 2.5, "{f:?}");
}

#[test]
fn the_hint_names_the_tag_and_a_rounded_estimate_and_stays_quiet_near_one() {
    let sample = |tag: &str, e: u32, a: u32| Sample { keys: vec![format!("#{tag}")], estimate_min: e, actual_min: a };
    let mut samples: Vec<Sample> = (0..20).map(|_| sample("writing", 60, 84)).collect();
    samples.extend((0..20).map(|_| sample("email", 30, 31)));
    let learner = Learner::fit(&samples);
    let h = hint(&learner, &["writing".into()], Some("book"), 60).unwrap();
    assert_eq!(h.text, "#writing usually takes you 1.3× longer: plan 1 h 20 min?");
    assert_eq!(h.suggested_min, 80);
    assert_eq!(hint(&learner, &["email".into()], None, 30), None, "within 15% of the estimate");
    assert_eq!(hint(&learner, &["unknown".into()], None, 30), None);
}
