//! The fixed messages: one variant each, English and Chinese side by side.

use super::Locale;

/// A fixed message in both languages: [`Msg`], and the tables features add beside it (each
/// its own enum, made by [`messages!`], so features do not edit one table).
pub trait Message: Copy + Send + Sync + 'static {
    /// The message in `l`.
    fn get(self, l: Locale) -> &'static str;
}

/// Makes a message table: `messages! { /// doc \n Name { Key: "English", "中文"; ... } }`.
/// A message without both languages does not compile.
macro_rules! messages {
    ($(#[$doc:meta])* $name:ident { $($key:ident: $en:expr, $zh:expr;)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($key),* }

        impl $name {
            /// Every message, for the tests.
            pub const ALL: &'static [$name] = &[$($name::$key),*];

            /// The message in `l`.
            pub fn get(self, l: $crate::i18n::Locale) -> &'static str {
                let [en, zh] = match self { $($name::$key => [$en, $zh]),* };
                l.pick(en, zh)
            }
        }

        impl $crate::i18n::Message for $name {
            fn get(self, l: $crate::i18n::Locale) -> &'static str {
                $name::get(self, l)
            }
        }
    };
}
pub(crate) use messages;

messages! {
    /// Every fixed message of the console.
    Msg {
    Title: "Export a disk as an image", "将磁盘导出为镜像";
    Intro: "Pick a disk, name the image, and export it to your private image list.",
        "选择磁盘，为镜像命名，然后将其导出到您的私有镜像列表。";
    Language: "Language / 语言", "语言 / Language";

    // Connection settings
    Settings: "Connection", "连接";
    EvsUrl: "Block storage base URL", "块存储服务基础 URL";
    EvsUrlHelp: "EVS or Cinder endpoint, without /v2 or /v3 (same-origin path or gateway).",
        "EVS 或 Cinder 端点，不含 /v2 或 /v3（同源路径或网关）。";
    ImsUrl: "Image service base URL", "镜像服务基础 URL";
    Project: "Project ID", "项目 ID";
    Dialect: "API dialect", "API 类型";
    Token: "Token", "令牌";
    TokenHelp: "Your IAM or Keystone token. Kept in this page's memory only.",
        "您的 IAM 或 Keystone 令牌，仅保存在本页面的内存中。";
    Remember: "Remember for this tab", "在此标签页中记住";
    RememberHelp: "Keeps the token in this tab's session storage until the tab closes or you sign out.",
        "令牌保存在此标签页的会话存储中，直到关闭标签页或退出登录。";
    Load: "Load disks", "加载磁盘";
    SignOut: "Sign out", "退出登录";
    SignedOut: "Signed out: the token is cleared.", "已退出登录：令牌已清除。";
    TokenInUrl: "A token in the address was ignored and removed: tokens never belong in links.",
        "地址中的令牌已被忽略并移除：令牌绝不应出现在链接中。";
    NeedConnection: "Enter the project ID and a token, then choose Load disks.",
        "请输入项目 ID 和令牌，然后点击“加载磁盘”。";
    BadToken: "The token can only contain visible ASCII characters (letters, digits and punctuation).",
        "令牌只能包含可见的 ASCII 字符（字母、数字和标点）。";

    // Disk picker
    Disks: "Disk", "磁盘";
    DisksCaption: "Disks of the project: pick one to export", "项目中的磁盘：选择一个进行导出";
    Pick: "Pick", "选择";
    Filter: "Filter by name or ID", "按名称或 ID 筛选";
    Refresh: "Refresh", "刷新";
    Prev: "Previous page", "上一页";
    Next: "Next page", "下一页";
    Loading: "Loading disks…", "正在加载磁盘…";
    NoDisks: "No disks in this project.", "此项目中没有磁盘。";
    NoMatch: "No disk on this page matches the filter.", "本页没有符合筛选条件的磁盘。";
    ColName: "Name", "名称";
    ColId: "ID", "ID";
    ColStatus: "Status", "状态";
    ColSize: "Size", "容量";
    ColBoot: "Bootable", "可启动";
    ColAttached: "Attached to", "挂载到";
    Unnamed: "(no name)", "（无名称）";
    Yes: "Yes", "是";
    No: "No", "否";
    PresetFailed: "The disk named in the address could not be loaded.", "无法加载地址中指定的磁盘。";
    PickADisk: "Pick a disk from the list to see whether it can be exported.",
        "从列表中选择一个磁盘，查看它能否导出。";
    Exportable: "This disk can be exported.", "此磁盘可以导出。";
    NotExportable: "This disk cannot be exported:", "此磁盘无法导出：";
    ForceHint: "Tick \u{201c}Force export of an in-use disk\u{201d} below to export it anyway.",
        "如仍要导出，请勾选下方的“强制导出使用中的磁盘”。";
    CheckStatus: "Check disk status", "检查磁盘状态";
    Selected: "Selected disk", "已选磁盘";

    // Form
    Form: "Image", "镜像";
    NameLabel: "Image name", "镜像名称";
    NameHelpEvs: "Letters (any language), digits, spaces, hyphens, periods and underscores; no space at either end.",
        "可用字母（任何语言）、数字、空格、连字符、句点和下划线；首尾不能是空格。";
    NameHelpCinder: "Any characters except control characters; no space at either end.",
        "除控制字符外的任意字符；首尾不能是空格。";
    Characters: "Characters: ", "字符数：";
    DiskFormat: "Disk format", "磁盘格式";
    ContainerFormat: "Container format", "容器格式";
    Force: "Force export of an in-use disk", "强制导出使用中的磁盘";
    ForceGeneric: "Only needed for a disk attached to a server (status in-use).",
        "仅当磁盘已挂载到云服务器（状态为“正在使用”）时需要。";
    OsType: "OS type", "操作系统类型";
    OsTypeGeneric: "Takes effect only when the disk is available and its image metadata has no OS type.",
        "仅当磁盘状态为“可用”且其镜像元数据中没有操作系统类型时生效。";
    Visibility: "Visibility", "可见性";
    VisibilityDefault: "Not sent (the image service decides; Glance: shared)",
        "不发送（由镜像服务决定；Glance 默认为共享）";
    Protected: "Protected (the image cannot be deleted)", "受保护（镜像不能被删除）";
    Microversion: "Visibility and protected are sent with OpenStack-API-Version: volume 3.1.",
        "可见性和受保护随 OpenStack-API-Version: volume 3.1 发送。";
    Export: "Export", "导出";
    GateReady: "Sends one export request.", "发送一个导出请求。";
    GateBusy: "Sending the export request…", "正在发送导出请求…";
    GateNoDisk: "Pick a disk first.", "请先选择磁盘。";
    GateBlocked: "The picked disk cannot be exported (see why above).", "所选磁盘无法导出（原因见上方）。";
    GateForce: "The disk is in use: tick \u{201c}Force export of an in-use disk\u{201d} to export it.",
        "磁盘正在使用：请勾选“强制导出使用中的磁盘”后导出。";
    GateInvalid: "Correct the fields marked above.", "请更正上方标出的字段。";
    GateMetadata: "Correct the image details marked above.", "请更正上方标出的镜像详情。";

    // Disk formats
    FmtZvhd2: "Huawei Cloud's newest format: compressed, with lazy loading; the fastest way to create servers on Huawei Cloud.",
        "华为云最新格式：压缩且支持延迟加载；在华为云上创建云服务器最快。";
    FmtZvhd: "Huawei Cloud's older compressed VHD; for use within Huawei Cloud.",
        "华为云较早的压缩 VHD 格式；用于华为云内部。";
    FmtVhd: "Microsoft Virtual Hard Disk: imports into Hyper-V, Azure and most other clouds.",
        "微软虚拟硬盘：可导入 Hyper-V、Azure 和大多数其他云。";
    FmtQcow2: "QEMU copy-on-write: the usual format for KVM and OpenStack; sparse, so downloads stay small.",
        "QEMU 写时复制：KVM 和 OpenStack 的常用格式；稀疏存储，下载量小。";
    FmtRaw: "A byte-for-byte copy of the disk: every hypervisor reads it, but it is as large as the disk.",
        "逐字节复制磁盘：所有虚拟化平台都能读取，但大小与磁盘相同。";
    FmtVmdk: "VMware disk: for vSphere, ESXi and VMware Workstation.", "VMware 磁盘：用于 vSphere、ESXi 和 VMware Workstation。";
    FmtVdi: "VirtualBox disk image.", "VirtualBox 磁盘映像。";
    FmtVhdx: "Hyper-V's newer VHD (Windows Server 2012 and later), for disks over 2 TB.",
        "Hyper-V 的新版 VHD（Windows Server 2012 及以后），用于 2 TB 以上的磁盘。";
    FmtPloop: "Virtuozzo / OpenVZ container disk.", "Virtuozzo / OpenVZ 容器磁盘。";
    FmtKnownToFail: "Warning: exports in this format fail on OpenStack Cinder 29 with most backends (Cinder accepts the request, then deletes the image); prefer raw or qcow2.",
        "警告：在 OpenStack Cinder 29 的大多数后端上，此格式的导出会失败（Cinder 先接受请求，随后删除镜像）；建议使用 raw 或 qcow2。";
    CfBare: "No container: the image is just the disk. Choose this unless a tool asks for another.",
        "无容器：镜像就是磁盘本身。除非有工具要求其他格式，否则请选择此项。";
    CfOvf: "Open Virtualization Format descriptor, for VMware and VirtualBox appliances.",
        "开放虚拟化格式（OVF）描述文件，用于 VMware 和 VirtualBox 虚拟设备。";
    CfOva: "An OVF appliance packed into one tar file.", "打包成单个 tar 文件的 OVF 虚拟设备。";
    CfAmi: "Amazon machine image (EC2-style, legacy).", "Amazon 机器镜像（EC2 风格，旧式）。";
    CfAri: "Amazon ramdisk image (EC2-style, legacy).", "Amazon 内存盘镜像（EC2 风格，旧式）。";
    CfAki: "Amazon kernel image (EC2-style, legacy).", "Amazon 内核镜像（EC2 风格，旧式）。";
    CfDocker: "A Docker container filesystem tarball.", "Docker 容器文件系统的 tar 包。";
    CfCompressed: "Cinder compresses the image (gzip) as it uploads: smaller to store and copy. Only when the cloud sets allow_compression_on_image_upload; otherwise Cinder refuses the export (400).",
        "Cinder 在上传时压缩镜像（gzip）：存储和复制更省空间。仅当云平台设置了 allow_compression_on_image_upload 时可用，否则 Cinder 会拒绝导出（400）。";

    // Errors
    ErrorStatus: "HTTP status", "HTTP 状态码";
    ErrorCode: "Code", "错误码";
    ErrorRequestId: "Request ID", "请求 ID";
    NoAnswer: "no answer", "无应答";
    GoToToken: "Check the token in Connection", "检查“连接”中的令牌";

    // Show request
    ShowRequest: "Show request", "显示请求";
    RequestBody: "Body", "请求体";
    Curl: "Equivalent curl command", "等效的 curl 命令";
    CurlHelp: "Set OS_TOKEN to your token first; the console never shows it.",
        "请先将 OS_TOKEN 设为您的令牌；控制台从不显示令牌。";
    Response: "Response", "响应";
    NoRequest: "Pick a disk and fill in the form to see the request.", "选择磁盘并填写表单后即可看到请求。";

    // Result
    Accepted: "Export accepted", "导出请求已受理";
    AcceptedWhere: "The image will appear in your private image list. Its ID is below, ready to copy.",
        "镜像将出现在您的私有镜像列表中。镜像 ID 见下方，可直接复制。";
    Image: "Image", "镜像";
    ImageId: "Image ID", "镜像 ID";
    Copy: "Copy", "复制";
    CopyId: "Copy image ID", "复制镜像 ID";
    Copied: "Copied.", "已复制。";
    CopyFailed: "Could not copy: select the ID and copy it by hand.", "无法复制：请选中 ID 后手动复制。";
    Disk: "Disk", "磁盘";
    DiskId: "Disk ID", "磁盘 ID";
    StatusAccepted: "Status when accepted", "受理时的状态";
    Formats: "Formats", "格式";
    Description: "Description", "描述";
    Updated: "Updated", "更新时间";
    Created: "Created", "创建时间";
    DiskType: "Disk type", "磁盘类型";
    TypeId: "Type ID", "类型 ID";
    Public: "Public", "公共";
    ExtraSpecs: "Extra specs", "扩展规格";
    Key: "Key", "键";
    Value: "Value", "值";
    NoType: "The answer named no disk type.", "响应中没有磁盘类型。";
    NoSpecs: "No extra specs.", "没有扩展规格。";
    None: "—", "—";

    // Progress
    Progress: "Progress", "进度";
    StagesLabel: "Export stages", "导出阶段";
    StageQueued: "Queued", "排队中";
    StageSaving: "Saving", "保存中";
    StageActive: "Active", "可用";
    Elapsed: "Elapsed", "已用时间";
    ImageSize: "Image size", "镜像大小";
    ImageStatus: "Image status", "镜像状态";
    DiskStatus: "Disk status", "磁盘状态";
    Waiting: "Waiting for the image service…", "正在等待镜像服务…";
    NowQueued: "Queued: the image is registered and waits for the disk's data. Next: saving.",
        "排队中：镜像已登记，等待磁盘数据。下一步：保存。";
    NowSaving: "Saving: the disk's data is being copied into the image. Next: the image becomes active and usable.",
        "保存中：正在将磁盘数据复制到镜像中。下一步：镜像变为可用。";
    Success: "The image is active: it is in your private image list, ready to use. Copy its ID below.",
        "镜像已可用：已在您的私有镜像列表中，可以使用。镜像 ID 见下方。";
    Failed: "The export failed. Once the disk is available or in-use again, export again (perhaps in another disk format); if it fails again, give the image ID to your cloud provider.",
        "导出失败。磁盘恢复为“可用”或“正在使用”后请重新导出（可换一种磁盘格式）；如仍失败，请将镜像 ID 提供给云服务商。";
    Gone: "The export failed: the image service no longer has the image (a failed upload deletes it). Check the disk's status and export again.",
        "导出失败：镜像服务中已没有该镜像（上传失败时镜像会被删除）。请检查磁盘状态后重新导出。";
    Retrying: "Lost contact with the image service; retrying. Last error:", "与镜像服务失去联系，正在重试。最近的错误：";
}
}
