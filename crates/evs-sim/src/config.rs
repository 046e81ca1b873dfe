//! The simulator's configuration and its command-line flags.

use std::path::PathBuf;

use evs_model::ProjectId;

use crate::fault::Fault;
use crate::identity::{IdentityShape, DEFAULT_PASSWORD, DEFAULT_TOKEN_TTL_SECONDS};

pub const DEFAULT_PORT: u16 = 8787;
pub const DEFAULT_TOKEN: &str = "sim-token";
pub const DEFAULT_PROJECT_ID: &str = "0f4e5d6c7b8a49e3a2b1c0d9e8f7a6b5";
pub const DEFAULT_EXPORT_SECONDS: f64 = 6.0;
pub const DEFAULT_SEED: u64 = 42;
pub const DEFAULT_BULK_DISKS: usize = 30;

/// Everything the server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// A fixed `X-Auth-Token` always accepted (beside the tokens the identity service issues).
    pub token: String,
    /// The seeded user's password (`operator` in domain `Default`).
    pub password: String,
    /// How long an issued token is valid, in seconds of the simulator's clock.
    pub token_ttl_seconds: u64,
    /// Keystone's or Huawei IAM's shape of the identity service.
    pub identity: IdentityShape,
    /// The origin the catalog's URLs use (`http://host:port`); default: the request's `Host`.
    pub public_url: Option<String>,
    /// The one project id that exists.
    pub project_id: ProjectId,
    /// How long an export takes (queued → saving → active), in seconds.
    pub export_seconds: f64,
    /// Share of exports (0.0–1.0) that fail asynchronously (image `killed`; in the Cinder
    /// dialect `deleted`, then gone, as a real Cinder does).
    pub failure_rate: f64,
    /// Seed of the RNG behind image ids and failures.
    pub seed: u64,
    /// Added to every API response.
    pub latency_ms: u64,
    /// A fault applied to every API request.
    pub fault: Option<Fault>,
    /// Load state from here at start (if the file exists) and save it after each change.
    pub state_file: Option<PathBuf>,
    /// Serve a built web page from here at `/`.
    pub static_dir: Option<PathBuf>,
    /// How many `bulk-disk-NN` fillers the seeded state has.
    pub bulk_disks: usize,
    /// Print one line per request to stderr.
    pub log_requests: bool,
    /// Cinder's `enable_force_upload` for `/v3` (on by default; real Cinder's default is off).
    pub cinder_force_upload: bool,
    /// Leftover images seeded at start and on reset: `queued` for good, 5 h, 10 h, … old.
    pub leftovers: usize,
    /// Cinder's `allow_compression_on_image_upload` (off, as in Cinder): without it a `/v3`
    /// export with container format `compressed` is refused (400).
    pub cinder_compression: bool,
    /// Cinder allows the `name~` like-filter on the disk list (on; `--no-like-filter`).
    pub cinder_like_filter: bool,
    /// The image service's `disk_formats` (Glance's `[image_format]`), served by
    /// `GET /v2/schemas/image`; a `/v3` export in another disk format is refused (400).
    pub image_disk_formats: Vec<String>,
    /// The image service's `container_formats`.
    pub image_container_formats: Vec<String>,
}

/// Glance's default `[image_format] disk_formats`.
pub const GLANCE_DISK_FORMATS: &[&str] = &[
    "ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop",
];
/// Glance's default `[image_format] container_formats`.
pub const GLANCE_CONTAINER_FORMATS: &[&str] = &[
    "ami",
    "ari",
    "aki",
    "bare",
    "ovf",
    "ova",
    "docker",
    "compressed",
];

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// A comma-separated list of format names (Glance's own syntax for the option).
fn format_list(flag: &str, value: &str) -> Result<Vec<String>, String> {
    let items: Vec<String> = value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if items.is_empty()
        || items.iter().any(|s| {
            !s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
    {
        return Err(format!(
            "{flag} must be a comma-separated list of format names, e.g. raw,qcow2"
        ));
    }
    Ok(items)
}

impl Default for Config {
    fn default() -> Self {
        Config {
            port: DEFAULT_PORT,
            token: DEFAULT_TOKEN.into(),
            password: DEFAULT_PASSWORD.into(),
            token_ttl_seconds: DEFAULT_TOKEN_TTL_SECONDS,
            identity: IdentityShape::Keystone,
            public_url: None,
            project_id: ProjectId::parse(DEFAULT_PROJECT_ID).expect("the default is not empty"),
            export_seconds: DEFAULT_EXPORT_SECONDS,
            failure_rate: 0.0,
            seed: DEFAULT_SEED,
            latency_ms: 0,
            fault: None,
            state_file: None,
            static_dir: None,
            bulk_disks: DEFAULT_BULK_DISKS,
            log_requests: true,
            cinder_force_upload: true,
            leftovers: 0,
            cinder_compression: false,
            cinder_like_filter: true,
            image_disk_formats: strings(GLANCE_DISK_FORMATS),
            image_container_formats: strings(GLANCE_CONTAINER_FORMATS),
        }
    }
}

pub const USAGE: &str = "\
evs-sim: a local simulator of the Huawei EVS / OpenStack Cinder export API and the image service.

USAGE: evs-sim [FLAGS]

  --port N              port on 127.0.0.1 (default 8787; 0 picks a free one)
  --token T             a fixed X-Auth-Token always accepted (default sim-token)
  --password P          password of the seeded user operator in domain Default
                        (default evs-sim-password)
  --token-ttl S         lifetime of tokens issued by /v3/auth/tokens, seconds (default 3600)
  --identity SHAPE      keystone (default) or huawei: the identity service's shape (catalog
                        types evs/image, region sim-region-1, project named after the region)
  --public-url URL      origin of the catalog's URLs, e.g. http://127.0.0.1:8080 behind a
                        proxy (default: the Host the request came to)
  --project-id ID       the project that exists (default 0f4e5d6c7b8a49e3a2b1c0d9e8f7a6b5)
  --export-seconds S    how long queued -> saving -> active takes (default 6)
  --failure-rate R      share 0.0-1.0 of exports that fail: image killed (Cinder: deleted, then 404) (default 0)
  --seed N              RNG seed for image ids and failures (default 42)
  --latency-ms MS       delay added to every API response (default 0)
  --fault KIND          a fault on every API request: latency=<ms>, 500-html, 502-html,
                        503-html, empty-<status>, truncated, invalid-json, drop, hang,
                        export-fails
  --state FILE          load state from FILE if it exists; save it after each change
  --static DIR          also serve the web page in DIR at / (API also under /evs, /ims, /iam)
  --bulk-disks N        number of bulk-disk-NN filler disks (default 30)
  --no-force-upload     /v3 acts like Cinder with enable_force_upload = False: force is
                        ignored, so in-use disks cannot be exported there
  --leftovers N         seed N leftover images: queued for good (an export that died after
                        creating its image), 5 h, 10 h, ... old (default 0)
  --image-disk-formats LIST       the image service's disk formats, comma-separated (default
                        Glance's: ami,ari,aki,vhd,vhdx,vmdk,raw,qcow2,vdi,iso,ploop);
                        GET /v2/schemas/image lists them and /v3 refuses others
  --image-container-formats LIST  likewise container formats (default
                        ami,ari,aki,bare,ovf,ova,docker,compressed)
  --compression         /v3 acts like Cinder with allow_compression_on_image_upload = True
                        (without it, container format compressed is refused)
  --no-like-filter      /v3 refuses the name~ like-filter on the disk list (400), as some
                        clouds do for non-admin members
  --quiet               no per-request log lines on stderr
  -h, --help            this text

On start one line goes to stdout:
  evs-sim listening on http://127.0.0.1:<port> project_id=<id> token=<token> user=<u> password=<p>
";

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    Run(Box<Config>),
    Help,
}

impl Config {
    /// Parses the flags (without the program name). `--flag value` and `--flag=value` both work.
    pub fn from_args<I: IntoIterator<Item = String>>(args: I) -> Result<Command, String> {
        let mut config = Config::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
                _ => (arg.clone(), None),
            };
            match flag.as_str() {
                "-h" | "--help" => return Ok(Command::Help),
                "--quiet" => {
                    config.log_requests = false;
                    continue;
                }
                "--no-force-upload" => {
                    config.cinder_force_upload = false;
                    continue;
                }
                "--compression" => {
                    config.cinder_compression = true;
                    continue;
                }
                "--no-like-filter" => {
                    config.cinder_like_filter = false;
                    continue;
                }
                _ => {}
            }
            let mut value = || -> Result<String, String> {
                inline
                    .clone()
                    .or_else(|| args.next())
                    .ok_or_else(|| format!("{flag} needs a value"))
            };
            match flag.as_str() {
                "--port" => config.port = number(&flag, &value()?)?,
                "--token" => {
                    config.token = value()?;
                    if config.token.is_empty() || config.token.chars().any(|c| c.is_control()) {
                        return Err("--token must be non-empty printable text".into());
                    }
                }
                "--password" => {
                    config.password = value()?;
                    if config.password.is_empty() {
                        return Err("--password must not be empty".into());
                    }
                }
                "--token-ttl" => {
                    let s: u64 = number(&flag, &value()?)?;
                    if !(1..=7 * 86_400).contains(&s) {
                        return Err("--token-ttl must be between 1 and 604800 seconds".into());
                    }
                    config.token_ttl_seconds = s;
                }
                "--identity" => {
                    config.identity = match value()?.as_str() {
                        "keystone" => IdentityShape::Keystone,
                        "huawei" => IdentityShape::HuaweiIam,
                        other => {
                            return Err(format!(
                                "--identity: \"{other}\" is not keystone or huawei"
                            ))
                        }
                    }
                }
                "--public-url" => {
                    let url = value()?.trim().trim_end_matches('/').to_string();
                    let ok = (url.starts_with("http://") || url.starts_with("https://"))
                        && !url.contains(['"', '<', '>', ' ']);
                    if !ok {
                        return Err("--public-url must be an http(s) origin".into());
                    }
                    config.public_url = Some(url);
                }
                "--project-id" => {
                    config.project_id = ProjectId::parse(&value()?)
                        .filter(|p| !p.as_str().contains('/'))
                        .ok_or("--project-id must be a non-empty path segment")?;
                }
                "--export-seconds" => {
                    let s: f64 = number(&flag, &value()?)?;
                    if !(0.0..=86_400.0).contains(&s) {
                        return Err("--export-seconds must be between 0 and 86400".into());
                    }
                    config.export_seconds = s;
                }
                "--failure-rate" => {
                    let r: f64 = number(&flag, &value()?)?;
                    if !(0.0..=1.0).contains(&r) {
                        return Err("--failure-rate must be between 0.0 and 1.0".into());
                    }
                    config.failure_rate = r;
                }
                "--seed" => config.seed = number(&flag, &value()?)?,
                "--latency-ms" => config.latency_ms = number(&flag, &value()?)?,
                "--fault" => config.fault = Some(value()?.parse()?),
                "--state" => config.state_file = Some(PathBuf::from(value()?)),
                "--static" => config.static_dir = Some(PathBuf::from(value()?)),
                "--bulk-disks" => config.bulk_disks = number(&flag, &value()?)?,
                "--leftovers" => {
                    config.leftovers = number(&flag, &value()?)?;
                    if config.leftovers > 1000 {
                        return Err("--leftovers must be at most 1000".into());
                    }
                }
                "--image-disk-formats" => {
                    config.image_disk_formats = format_list(&flag, &value()?)?;
                }
                "--image-container-formats" => {
                    config.image_container_formats = format_list(&flag, &value()?)?;
                }
                _ => return Err(format!("unknown flag {flag}")),
            }
        }
        Ok(Command::Run(Box::new(config)))
    }
}

fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value
        .trim()
        .parse()
        .map_err(|_| format!("{flag}: \"{value}\" is not a valid number"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        Config::from_args(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn defaults_and_flags() {
        let Ok(Command::Run(c)) = parse(&[]) else {
            panic!("defaults")
        };
        assert_eq!(c.port, 8787);
        assert_eq!(c.token, "sim-token");
        assert_eq!(c.project_id, DEFAULT_PROJECT_ID);
        let Ok(Command::Run(c)) = parse(&[
            "--port=0",
            "--token",
            "t",
            "--export-seconds",
            "1.5",
            "--failure-rate=0.25",
            "--fault",
            "latency=20",
            "--quiet",
        ]) else {
            panic!("flags")
        };
        assert_eq!(c.port, 0);
        assert_eq!(c.token, "t");
        assert_eq!(c.export_seconds, 1.5);
        assert_eq!(c.failure_rate, 0.25);
        assert_eq!(c.fault, Some(Fault::Latency(20)));
        assert!(!c.log_requests);
        assert!(matches!(parse(&["--help"]), Ok(Command::Help)));
        assert!(!c.cinder_compression);
        assert_eq!(c.image_disk_formats.len(), GLANCE_DISK_FORMATS.len());
        let Ok(Command::Run(c)) = parse(&[
            "--image-disk-formats",
            "raw, qcow2",
            "--image-container-formats=bare",
            "--compression",
        ]) else {
            panic!("format flags")
        };
        assert_eq!(c.image_disk_formats, ["raw", "qcow2"]);
        assert_eq!(c.image_container_formats, ["bare"]);
        assert!(c.cinder_compression);
        let Ok(Command::Run(c)) = parse(&[
            "--token-ttl=5",
            "--identity",
            "huawei",
            "--password",
            "pw",
            "--public-url",
            "http://127.0.0.1:8080/",
        ]) else {
            panic!("identity flags")
        };
        assert_eq!(c.token_ttl_seconds, 5);
        assert_eq!(c.identity, IdentityShape::HuaweiIam);
        assert_eq!(c.password, "pw");
        assert_eq!(c.public_url.as_deref(), Some("http://127.0.0.1:8080"));
        assert!(parse(&["--token-ttl", "0"]).is_err());
        assert!(parse(&["--identity", "ldap"]).is_err());
        assert!(parse(&["--public-url", "javascript:x"]).is_err());
    }

    #[test]
    fn bad_flags_say_why() {
        assert_eq!(
            parse(&["--port", "x"]).unwrap_err(),
            "--port: \"x\" is not a valid number"
        );
        assert!(parse(&["--failure-rate", "2"]).is_err());
        assert!(parse(&["--fault", "boom"]).is_err());
        for bad in [",", "raw;qcow2", "<b>"] {
            assert!(parse(&["--image-disk-formats", bad]).is_err(), "{bad}");
        }
        assert_eq!(parse(&["--port"]).unwrap_err(), "--port needs a value");
        assert_eq!(parse(&["--nope"]).unwrap_err(), "unknown flag --nope");
        for bad in ["", " ", "a/b"] {
            assert_eq!(
                parse(&["--project-id", bad]).unwrap_err(),
                "--project-id must be a non-empty path segment"
            );
        }
    }
}
