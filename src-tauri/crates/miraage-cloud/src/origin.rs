//! The private property that marks events made in Miraage (`EventOrigin`), under one name on
//! both providers, holding the `X-MIRAAGE-ORIGIN` value (`miraage`, `plan:<task uid>`).

pub const ORIGIN_KEY: &str = "miraageOrigin";
