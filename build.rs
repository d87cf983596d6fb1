//! On Windows targets: the .exe's icon and version information (a resource script
//! written here from the package version). Nothing happens for other targets.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=assets/icon.ico");
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_else(|_| "0.0.0".into());
    let mut parts: Vec<u32> = version
        .split(['.', '-'])
        .take(3)
        .map(|p| p.parse().unwrap_or(0))
        .collect();
    parts.resize(4, 0);
    let numbers = parts
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let icon = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join("icon.ico");
    let icon = icon.display().to_string().replace('\\', "/");
    let rc = format!(
        r#"1 ICON "{icon}"
1 VERSIONINFO
FILEVERSION {numbers}
PRODUCTVERSION {numbers}
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "042a04b0"
    BEGIN
      VALUE "CompanyName", "thidua"
      VALUE "FileDescription", "thidua - cham diem thi dua cum (cluster emulation scoring)"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "thidua"
      VALUE "OriginalFilename", "thidua.exe"
      VALUE "ProductName", "thidua"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x042a, 1200
  END
END
"#
    );
    let path = Path::new(&out).join("thidua.rc");
    std::fs::write(&path, rc).expect("write the resource script");
    embed_resource::compile(&path, embed_resource::NONE)
        .manifest_optional()
        .expect("compile the Windows resources (needs windres, e.g. mingw-w64)");
}
