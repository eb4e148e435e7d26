use clap::Parser;

fn main() {
    isu_api::memory::tune_allocator();
    let cli = isu_api::cli::Cli::parse();
    if let Err(err) = isu_api::cli::run(cli) {
        eprintln!("error: {err:#}");
        std::process::exit(1);
    }
}
