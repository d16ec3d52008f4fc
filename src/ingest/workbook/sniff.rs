//! What a file really is, judged by its first bytes and, for a zip container, by its parts'
//! names, never by its extension: a zip, a compound file (xls), or something to refuse with a
//! hint (HTML, XML, PDF, empty).

use super::zipdir;

/// What a file really is, judged by its content.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Self::Xlsx => "xlsx",
            Self::Xlsb => "xlsb",
            Self::Xls => "xls",
            Self::Ods => "ods",
        }
    }
}

/// Sniff the content of a file.
pub enum Sniffed {
    Zip,
    Cfb,
    Html,
    Other(&'static str),
}

pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Sniffed::Zip;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Sniffed::Cfb;
    }
    let head: String = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)])
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(200)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<html")
        || head.starts_with("<!doctype html")
        || head.starts_with("<table")
        || head.contains("<html")
    {
        return Sniffed::Html;
    }
    if head.starts_with("<?xml") {
        return if head.contains("urn:schemas-microsoft-com:office:spreadsheet")
            || head.contains("progid=\"excel.sheet\"")
        {
            Sniffed::Other("berkas Excel 2003 XML (SpreadsheetML)")
        } else {
            Sniffed::Other("berkas XML")
        };
    }
    if bytes.starts_with(b"%PDF") {
        return Sniffed::Other("berkas PDF");
    }
    if bytes.is_empty() {
        return Sniffed::Other("berkas kosong (0 byte)");
    }
    Sniffed::Other("bukan berkas spreadsheet")
}

/// Which zip-based format a zip container holds: from its parts' names when the directory
/// could be read, else from the bytes.
pub(super) fn zip_format(bytes: &[u8], entries: &[zipdir::Entry]) -> Format {
    if !entries.is_empty() {
        let has = |n: &str| zipdir::named(entries, n).next().is_some();
        if has("mimetype") && has("content.xml") && !has("xl/workbook.xml") {
            return Format::Ods;
        }
        if has("xl/workbook.bin") {
            return Format::Xlsb;
        }
        if has("xl/workbook.xml") {
            return Format::Xlsx;
        }
    }
    // The ODF mimetype entry is stored first and uncompressed by convention.
    let head = &bytes[..bytes.len().min(200)];
    if head.windows(8).any(|w| w == b"mimetype")
        && bytes
            .windows(46)
            .take(400)
            .any(|w| w.starts_with(b"application/vnd.oasis.opendocument.spreadsheet"))
    {
        return Format::Ods;
    }
    if bytes.windows(15).any(|w| w == b"xl/workbook.bin") {
        return Format::Xlsb;
    }
    Format::Xlsx
}

/// An encrypted Office Open XML workbook is a CFB container with an `EncryptedPackage`
/// stream (its name is stored in UTF-16LE).
pub(super) fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_content() {
        assert!(matches!(sniff(b"PK\x03\x04rest"), Sniffed::Zip));
        assert!(matches!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), Sniffed::Cfb));
        assert!(matches!(
            sniff(b"\r\n<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\">"),
            Sniffed::Html
        ));
        assert!(matches!(sniff(b""), Sniffed::Other(_)));
        assert!(matches!(sniff(b"NIP,Nama\n1,2"), Sniffed::Other(_)));
    }
}
