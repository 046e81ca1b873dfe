//! `evs-sim`: run the simulator (see `--help` and README.md).

use std::io::Write;

use evs_sim::{Command, Config, USAGE};

#[tokio::main]
async fn main() {
    let config = match Config::from_args(std::env::args().skip(1)) {
        Ok(Command::Run(config)) => *config,
        Ok(Command::Help) => {
            print!("{USAGE}");
            return;
        }
        Err(e) => {
            eprintln!("evs-sim: {e}\n\n{USAGE}");
            std::process::exit(2);
        }
    };
    let server = match evs_sim::start(config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("evs-sim: {e}");
            std::process::exit(1);
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", server.start_line());
    let _ = out.flush();
    drop(out);
    server.wait().await;
}
