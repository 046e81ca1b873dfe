//! The request reader (what the simulator runs on client bodies) and the name parser: a body
//! that parses must serialise to a body that parses to the same request.
#![no_main]
use evs_model::{Dialect, ExportRequest, ImageName};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for dialect in Dialect::ALL {
        if let Ok(name) = ImageName::parse(&text, dialect) {
            assert_eq!(name.as_str(), text);
        }
        for mv in [false, true] {
            if let Ok(req) = ExportRequest::from_wire(dialect, mv, &text) {
                let again = ExportRequest::from_wire(dialect, mv, &req.to_json());
                assert_eq!(again.as_ref(), Ok(&req));
            }
        }
    }
});
