//! The seeded disks: stable ids and names that the page's tests select by.

use std::collections::BTreeMap;

use evs_model::{VolumeId, VolumeStatus};

use crate::state::{AttachmentRec, ImageMeta, State, VolumeRec, STATE_FORMAT};
use crate::util::{days_from_civil, Rng};

pub const DATA_DISK_01: &str = "a0000000-0000-4000-8000-000000000001";
pub const DATA_DISK_02: &str = "a0000000-0000-4000-8000-000000000002";
pub const ECS_WIN_SYS: &str = "a0000000-0000-4000-8000-000000000003";
pub const LINUX_BOOT: &str = "a0000000-0000-4000-8000-000000000004";
pub const BROKEN_DISK: &str = "a0000000-0000-4000-8000-000000000005";
pub const BUSY_DISK: &str = "a0000000-0000-4000-8000-000000000006";
pub const ARCHIVE_2TB: &str = "a0000000-0000-4000-8000-000000000007";
pub const FINANCE_DISK: &str = "a0000000-0000-4000-8000-000000000008";
pub const UNNAMED_DISK: &str = "a0000000-0000-4000-8000-000000000009";
pub const MARKUP_DISK: &str = "a0000000-0000-4000-8000-000000000010";

pub const MARKUP: &str = "<img src=x onerror=alert(1)>";

pub const SERVER_APP: &str = "5e000000-0000-4000-8000-000000000001";
pub const SERVER_WIN: &str = "5e000000-0000-4000-8000-000000000002";

/// How old the first seeded leftover image is (`--leftovers`): 5 hours; each next one is
/// older by as much again.
pub const LEFTOVER_AGE_US: i64 = 5 * 3_600_000_000;

/// The id of filler disk `n` (1-based): `b0000000-0000-4000-8000-0000000000NN`.
pub fn bulk_id(n: usize) -> String {
    format!("b0000000-0000-4000-8000-{n:012}")
}

/// The name of filler disk `n` of `total`: `bulk-disk-01` (at least two digits).
pub fn bulk_name(n: usize, total: usize) -> String {
    let width = total.to_string().len().max(2);
    format!("bulk-disk-{n:0width$}")
}

fn volume_id(id: &str) -> VolumeId {
    VolumeId::parse(id).expect("seeded ids are not empty")
}

/// 2024-06-01T08:00:00 UTC, in microseconds: the newest seeded disk's creation time.
fn base_us() -> i64 {
    (days_from_civil(2024, 6, 1) * 86_400 + 8 * 3600) * 1_000_000
}

struct Named {
    id: &'static str,
    name: &'static str,
    description: Option<&'static str>,
    status: VolumeStatus,
    size: u64,
    bootable: bool,
    attachment: Option<(&'static str, &'static str)>,
    image_metadata: ImageMeta,
    volume_type: &'static str,
    zone: &'static str,
    encrypted: bool,
}

fn named() -> Vec<Named> {
    use VolumeStatus::{Available, Error, InUse, Uploading};
    let meta = |pairs: &[(&str, &str)]| {
        ImageMeta::Map(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    };
    let plain = |id, name, status, size, volume_type| Named {
        id,
        name,
        description: None,
        status,
        size,
        bootable: false,
        attachment: None,
        image_metadata: ImageMeta::Omitted,
        volume_type,
        zone: "az-dc-1",
        encrypted: false,
    };
    vec![
        Named {
            description: Some("Data disk of the web tier"),
            ..plain(DATA_DISK_01, "data-disk-01", Available, 40, "SAS")
        },
        Named {
            description: Some("Database volume of ecs-app-01"),
            attachment: Some((SERVER_APP, "/dev/vdb")),
            image_metadata: meta(&[]),
            ..plain(DATA_DISK_02, "data-disk-02", InUse, 100, "SSD")
        },
        Named {
            description: Some("System disk of ecs-win-01"),
            bootable: true,
            attachment: Some((SERVER_WIN, "/dev/vda")),
            image_metadata: meta(&[
                ("__os_type", "windows"),
                ("image_name", "Windows Server 2019 Datacenter"),
                ("image_id", "3f6e0c2a-9b1d-4e8f-a7c6-5d4b3a291807"),
                ("__os_version", "Windows Server 2019 Datacenter 64bit"),
                ("min_disk", "40"),
            ]),
            zone: "az-dc-2",
            ..plain(ECS_WIN_SYS, "ecs-win-sys", InUse, 60, "GPSSD")
        },
        Named {
            bootable: true,
            image_metadata: ImageMeta::Null,
            ..plain(LINUX_BOOT, "linux-boot", Available, 40, "SAS")
        },
        Named {
            description: Some("Creation failed on the storage backend"),
            ..plain(BROKEN_DISK, "broken-disk", Error, 20, "SAS")
        },
        Named {
            description: Some("An export is running and never finishes"),
            ..plain(BUSY_DISK, "busy-disk", Uploading, 50, "SSD")
        },
        Named {
            description: Some("Cold archive, over the 1 TiB export limit"),
            ..plain(ARCHIVE_2TB, "archive-2tb", Available, 2048, "SAS")
        },
        Named {
            description: Some("财务系统数据盘"),
            encrypted: true,
            ..plain(FINANCE_DISK, "数据盘-财务", Available, 200, "SSD")
        },
        Named {
            image_metadata: meta(&[]),
            ..plain(UNNAMED_DISK, "", Available, 10, "SAS")
        },
        Named {
            description: Some("<b>bold</b> <img src=x onerror=alert(1)> & \"quotes\""),
            zone: "az-dc-2",
            ..plain(MARKUP_DISK, MARKUP, Available, 8, "GPSSD")
        },
    ]
}

/// The state a simulator starts (and resets) with: the seeded cloud of `config`, with its
/// leftover images created [`LEFTOVER_AGE_US`] apart before `now_us`.
pub fn initial_state(config: &crate::Config, now_us: i64) -> State {
    let mut st = seeded_state(config.bulk_disks, config.seed);
    st.add_leftovers(config.leftovers, now_us, LEFTOVER_AGE_US);
    st
}

/// The seeded cloud: the named disks (newest first), then `bulk` fillers.
pub fn seeded_state(bulk: usize, seed: u64) -> State {
    let base = base_us();
    let hour = 3_600_000_000i64;
    let mut volumes = Vec::new();
    for (i, n) in named().into_iter().enumerate() {
        let i = i as i64;
        let created = base - i * hour + 123_456 + i * 7_919;
        let updated = created + 37 * 60_000_000 + 800_931;
        let attachments = n
            .attachment
            .map(|(server, device)| AttachmentRec {
                server_id: server.to_string(),
                attachment_id: format!("a7000000-0000-4000-8000-0000000000{:02}", i + 1),
                device: device.to_string(),
                host_name: None,
                attached_us: updated,
            })
            .into_iter()
            .collect();
        volumes.push(VolumeRec {
            id: volume_id(n.id),
            name: n.name.to_string(),
            description: n.description.map(str::to_string),
            status: n.status,
            size: n.size,
            bootable: n.bootable,
            attachments,
            image_metadata: n.image_metadata,
            volume_type: n.volume_type.to_string(),
            multiattach: false,
            encrypted: n.encrypted,
            availability_zone: n.zone.to_string(),
            created_us: created,
            updated_us: updated,
            metadata: BTreeMap::new(),
        });
    }
    let types = ["SAS", "SSD", "GPSSD"];
    let named_count = volumes.len() as i64;
    for n in 1..=bulk {
        let created = base - (named_count + n as i64) * hour + (n as i64 * 104_729) % 1_000_000;
        let mut metadata = BTreeMap::new();
        metadata.insert("purpose".to_string(), "filler".to_string());
        volumes.push(VolumeRec {
            id: volume_id(&bulk_id(n)),
            name: bulk_name(n, bulk),
            description: None,
            status: VolumeStatus::Available,
            size: 10 + (n as u64 % 20) * 5,
            bootable: false,
            attachments: Vec::new(),
            image_metadata: ImageMeta::Omitted,
            volume_type: types[n % types.len()].into(),
            multiattach: false,
            encrypted: false,
            availability_zone: "az-dc-1".into(),
            created_us: created,
            updated_us: created + 1_000_000,
            metadata,
        });
    }
    State {
        format: STATE_FORMAT.into(),
        volumes,
        images: Vec::new(),
        messages: Vec::new(),
        rng: Rng(seed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_disks_are_stable_and_sorted_newest_first() {
        let s = seeded_state(30, 1);
        assert_eq!(s.volumes.len(), 40);
        assert_eq!(s.volumes[0].name, "data-disk-01");
        assert_eq!(s.volumes[39].name, "bulk-disk-30");
        assert_eq!(s.volumes[39].id, "b0000000-0000-4000-8000-000000000030");
        assert!(s
            .volumes
            .windows(2)
            .all(|w| w[0].created_us > w[1].created_us));
        let mut ids: Vec<&str> = s.volumes.iter().map(|v| v.id.as_str()).collect();
        ids.dedup();
        assert_eq!(ids.len(), 40);
        assert_eq!(bulk_name(7, 3000), "bulk-disk-0007");
    }
}
