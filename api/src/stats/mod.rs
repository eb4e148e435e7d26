//! Statistics over the stored records. So far: the synthetic-data generator used for demos and
//! benchmarks (`isu seed synthetic`).

pub mod synthetic;
