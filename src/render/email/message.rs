//! The `.eml` file: RFC 5322 headers and a MIME body (text and HTML alternatives, the letter as a
//! PDF attachment), byte-identical from one build to the next.

use chrono::NaiveDate;
use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::raw::Raw;
use mail_builder::mime::MimePart;

use super::content::Content;
use crate::ground::hash::sha256_hex;

/// Who the e-mail is from and to: a display name and, when the case gives one, an address.
pub struct Correspondent<'a> {
    pub name: &'a str,
    pub email: Option<&'a str>,
}

/// Everything the message holds.
pub struct Message<'a> {
    pub content: &'a Content,
    pub from: Correspondent<'a>,
    pub to: Correspondent<'a>,
    /// The letter's date: the e-mail is dated that day (a draft: the mail client dates it when sent).
    pub date: NaiveDate,
    pub attachment_name: &'a str,
    pub attachment: &'a [u8],
}

impl Message<'_> {
    /// The message as bytes. Boundaries and Message-ID come from a hash of the content, never from
    /// the clock or a random source, so that two builds write the same file.
    pub fn to_bytes(&self) -> std::io::Result<Vec<u8>> {
        let text = self.content.text();
        let html = self.content.html();
        let seed = sha256_hex(format!("{}\n{text}\n{}", self.content.subject, sha256_hex(self.attachment)).as_bytes());
        let seed = &seed[..24];
        let alternative = MimePart::new(
            ContentType::new("multipart/alternative").attribute("boundary", format!("=_alt-{seed}")),
            vec![MimePart::new("text/plain", text), MimePart::new("text/html", html)],
        );
        let attachment = MimePart::new("application/pdf", self.attachment).attachment(self.attachment_name);
        let body = MimePart::new(
            ContentType::new("multipart/mixed").attribute("boundary", format!("=_mixed-{seed}")),
            vec![alternative, attachment],
        );
        // Message-ID in the sender's domain when known (RFC 5322 § 3.6.4).
        let domain = self.from.email.and_then(|e| e.rsplit_once('@')).map_or("recouvre.invalid", |(_, d)| d);
        let timestamp = self.date.and_hms_opt(9, 0, 0).map_or(0, |t| t.and_utc().timestamp());
        let mut builder = MessageBuilder::new();
        if let Some(email) = self.from.email {
            builder = builder.from(Address::from((self.from.name, email)));
        }
        if let Some(email) = self.to.email {
            builder = builder.to(Address::from((self.to.name, email)));
        }
        builder
            .subject(self.content.subject.as_str())
            .date(timestamp)
            .message_id(format!("{seed}@{domain}"))
            // Mail clients (Outlook, Thunderbird) open a file with this header as a draft to send.
            .header("X-Unsent", Raw::new("1"))
            .body(body)
            .write_to_vec()
    }
}
