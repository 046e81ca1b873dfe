//! The console's own user-visible words, in one place (English for now). Messages about the
//! API's rules come from evs-model; server text is shown as sent.

use evs_model::{ContainerFormat, DiskFormat};

use crate::gate::Gate;

pub const TITLE: &str = "Export a disk as an image";
pub const INTRO: &str = "Pick a disk, name the image, and export it to your private image list.";

// Connection settings
pub const SETTINGS: &str = "Connection";
pub const EVS_URL: &str = "Block storage base URL";
pub const EVS_URL_HELP: &str =
    "EVS or Cinder endpoint, without /v2 or /v3 (same-origin path or gateway).";
pub const IMS_URL: &str = "Image service base URL";
pub const PROJECT: &str = "Project ID";
pub const DIALECT: &str = "API dialect";
pub const TOKEN: &str = "Token";
pub const TOKEN_HELP: &str = "Your IAM or Keystone token. Kept in this page's memory only.";
pub const REMEMBER: &str = "Remember for this tab";
pub const REMEMBER_HELP: &str =
    "Keeps the token in this tab's session storage until the tab closes or you sign out.";
pub const LOAD: &str = "Load disks";
pub const SIGN_OUT: &str = "Sign out";
pub const SIGNED_OUT: &str = "Signed out: the token is cleared.";
pub const TOKEN_IN_URL: &str =
    "A token in the address was ignored and removed: tokens never belong in links.";
pub const NEED_CONNECTION: &str = "Enter the project ID and a token, then choose Load disks.";

// Disk picker
pub const DISKS: &str = "Disk";
pub const DISKS_CAPTION: &str = "Disks of the project: pick one to export";
pub const FILTER: &str = "Filter by name or ID";
pub const REFRESH: &str = "Refresh";
pub const PREV: &str = "Previous page";
pub const NEXT: &str = "Next page";
pub const LOADING: &str = "Loading disks…";
pub const NO_DISKS: &str = "No disks in this project.";
pub const NO_MATCH: &str = "No disk on this page matches the filter.";
pub const COL_NAME: &str = "Name";
pub const COL_ID: &str = "ID";
pub const COL_STATUS: &str = "Status";
pub const COL_SIZE: &str = "Size";
pub const COL_BOOT: &str = "Bootable";
pub const COL_ATTACHED: &str = "Attached to";
pub const UNNAMED: &str = "(no name)";
pub const YES: &str = "Yes";
pub const NO: &str = "No";
pub const NOT_ATTACHED: &str = "—";
pub const PRESET_FAILED: &str = "The disk named in the address could not be loaded.";
pub const PICK_A_DISK: &str = "Pick a disk from the list to see whether it can be exported.";
pub const EXPORTABLE: &str = "This disk can be exported.";
pub const NOT_EXPORTABLE: &str = "This disk cannot be exported:";
pub const FORCE_HINT: &str =
    "Tick \u{201c}Force export of an in-use disk\u{201d} below to export it anyway.";
pub const CHECK_STATUS: &str = "Check disk status";
pub const SELECTED: &str = "Selected disk";

// Form
pub const FORM: &str = "Image";
pub const NAME_LABEL: &str = "Image name";
pub const DISK_FORMAT: &str = "Disk format";
pub const CONTAINER_FORMAT: &str = "Container format";
pub const FORCE: &str = "Force export of an in-use disk";
pub const OS_TYPE: &str = "OS type";
pub const OS_TYPE_GENERIC: &str =
    "Takes effect only when the disk is available and its image metadata has no OS type.";
pub const VISIBILITY: &str = "Visibility";
pub const VISIBILITY_DEFAULT: &str = "Not sent (private)";
pub const PROTECTED: &str = "Protected (the image cannot be deleted)";
pub const MICROVERSION: &str = "Visibility and protected need API microversion 3.1: the console then sends OpenStack-API-Version: volume 3.1.";
pub const EXPORT: &str = "Export";
pub const EXPORTING: &str = "Exporting…";

/// Why Export is disabled, or what it will do.
pub fn gate(g: Gate) -> &'static str {
    match g {
        Gate::Ready => "Sends one export request.",
        Gate::Busy => "Sending the export request…",
        Gate::NoDisk => "Pick a disk first.",
        Gate::DiskBlocked => "The picked disk cannot be exported (see why above).",
        Gate::NeedsForce => {
            "The disk is in use: tick \u{201c}Force export of an in-use disk\u{201d} to export it."
        }
        Gate::FormInvalid => "Correct the fields marked above.",
    }
}

/// One concrete line per disk format.
pub fn disk_format_help(f: DiskFormat) -> &'static str {
    match f {
        DiskFormat::Zvhd2 => "Huawei Cloud's newest format: compressed, with lazy loading; the fastest way to create servers on Huawei Cloud.",
        DiskFormat::Zvhd => "Huawei Cloud's older compressed VHD; for use within Huawei Cloud.",
        DiskFormat::Vhd => "Microsoft Virtual Hard Disk: imports into Hyper-V, Azure and most other clouds.",
        DiskFormat::Qcow2 => "QEMU copy-on-write: the usual format for KVM and OpenStack; sparse, so downloads stay small.",
        DiskFormat::Raw => "A byte-for-byte copy of the disk: every hypervisor reads it, but it is as large as the disk.",
        DiskFormat::Vmdk => "VMware disk: for vSphere, ESXi and VMware Workstation.",
        DiskFormat::Vdi => "VirtualBox disk image.",
        DiskFormat::Vhdx => "Hyper-V's newer VHD (Windows Server 2012 and later), for disks over 2 TB.",
        DiskFormat::Ploop => "Virtuozzo / OpenVZ container disk.",
    }
}

/// One concrete line per container format.
pub fn container_format_help(f: ContainerFormat) -> &'static str {
    match f {
        ContainerFormat::Bare => {
            "No container: the image is just the disk. Choose this unless a tool asks for another."
        }
        ContainerFormat::Ovf => {
            "Open Virtualization Format descriptor, for VMware and VirtualBox appliances."
        }
        ContainerFormat::Ova => "An OVF appliance packed into one tar file.",
        ContainerFormat::Ami => "Amazon machine image (EC2-style, legacy).",
        ContainerFormat::Ari => "Amazon ramdisk image (EC2-style, legacy).",
        ContainerFormat::Aki => "Amazon kernel image (EC2-style, legacy).",
        ContainerFormat::Docker => "A Docker container filesystem tarball.",
    }
}

// Errors
pub const ERROR_STATUS: &str = "HTTP status";
pub const ERROR_CODE: &str = "Code";
pub const ERROR_REQUEST_ID: &str = "Request ID";
pub const NO_ANSWER: &str = "no answer";
pub const GO_TO_TOKEN: &str = "Check the token in Connection";
pub const BAD_TOKEN: &str =
    "The token can only contain visible ASCII characters (letters, digits and punctuation).";

// Show request
pub const SHOW_REQUEST: &str = "Show request";
pub const REQUEST_BODY: &str = "Body";
pub const CURL: &str = "Equivalent curl command";
pub const CURL_HELP: &str = "Set OS_TOKEN to your token first; the console never shows it.";
pub const RESPONSE: &str = "Response";
pub const NO_REQUEST: &str = "Pick a disk and fill in the form to see the request.";

// Result
pub const RESULT: &str = "Result";
pub const ACCEPTED: &str = "Export accepted";
pub const IMAGE: &str = "Image";
pub const IMAGE_ID: &str = "Image ID";
pub const COPY: &str = "Copy";
pub const COPY_ID: &str = "Copy image ID";
pub const COPIED: &str = "Copied.";
pub const COPY_FAILED: &str = "Could not copy: select the ID and copy it by hand.";
pub const DISK: &str = "Disk";
pub const DISK_ID: &str = "Disk ID";
pub const STATUS_ACCEPTED: &str = "Status when accepted";
pub const FORMATS: &str = "Formats";
pub const DESCRIPTION: &str = "Description";
pub const UPDATED: &str = "Updated";
pub const CREATED: &str = "Created";
pub const DISK_TYPE: &str = "Disk type";
pub const TYPE_ID: &str = "Type ID";
pub const PUBLIC: &str = "Public";
pub const EXTRA_SPECS: &str = "Extra specs";
pub const KEY: &str = "Key";
pub const VALUE: &str = "Value";
pub const NONE: &str = "—";
pub const NO_TYPE: &str = "The answer named no disk type.";

// Progress
pub const PROGRESS: &str = "Progress";
pub const STAGES: [&str; 3] = ["Queued", "Saving", "Active"];
pub const ELAPSED: &str = "Elapsed";
pub const IMAGE_SIZE: &str = "Image size";
pub const IMAGE_STATUS: &str = "Image status";
pub const DISK_STATUS: &str = "Disk status";
pub const WAITING: &str = "Waiting for the image service…";
pub const SUCCESS: &str = "The image is active: it is in your private image list and ready to use. Its ID is below, ready to copy.";
pub const FAILED: &str = "The export failed. The disk is usable again once its status is back to available or in-use. Check that the disk is healthy, then export again (perhaps with another disk format); if it fails again, give the image ID to your cloud provider.";
pub const GONE: &str = "The image no longer exists (it was deleted or never created). Check the disk's status and export again.";
pub const RETRYING: &str = "Lost contact with the image service; retrying. Last error:";
