#include "parsed_mail.hpp"

#include <gmime/gmime.h>

#include <mutex>

namespace voxloop::mail::testing {
namespace {

std::vector<ParsedMailbox> Mailboxes(InternetAddressList* list) {
  std::vector<ParsedMailbox> mailboxes;
  if (list == nullptr) return mailboxes;
  for (int address_idx = 0; address_idx < internet_address_list_length(list); ++address_idx) {
    InternetAddress* address = internet_address_list_get_address(list, address_idx);
    if (!INTERNET_ADDRESS_IS_MAILBOX(address)) continue;
    const char* name = internet_address_get_name(address);
    mailboxes.push_back({name != nullptr ? name : "",
                         internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address))});
  }
  return mailboxes;
}

std::string ContentType(GMimeObject* object) {
  GMimeContentType* type = g_mime_object_get_content_type(object);
  return std::string(g_mime_content_type_get_media_type(type)) + "/" +
         g_mime_content_type_get_media_subtype(type);
}

std::string DecodedContent(GMimePart* part) {
  GMimeDataWrapper* wrapper = g_mime_part_get_content(part);
  GMimeStream* stream = g_mime_stream_mem_new();
  g_mime_data_wrapper_write_to_stream(wrapper, stream);
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream));
  std::string content(reinterpret_cast<const char*>(bytes->data), bytes->len);
  g_object_unref(stream);
  return content;
}

void ReadPart(GMimeObject* object, ParsedMail& mail) {
  if (!GMIME_IS_PART(object)) return;
  const std::string type = ContentType(object);
  mail.part_types.push_back(type);
  if (type == "text/plain") mail.text = DecodedContent(GMIME_PART(object));
  if (type == "text/html") mail.html = DecodedContent(GMIME_PART(object));
}

}  // namespace

std::string ParsedMail::Header(const std::string& name) const {
  for (const auto& [header_name, value] : headers) {
    if (g_ascii_strcasecmp(header_name.c_str(), name.c_str()) == 0) return value;
  }
  return {};
}

ParsedMail ParseMail(const std::string& raw) {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
  ParsedMail mail;
  GMimeStream* stream = g_mime_stream_mem_new_with_buffer(raw.data(), raw.size());
  GMimeParser* parser = g_mime_parser_new_with_stream(stream);
  GMimeMessage* message = g_mime_parser_construct_message(parser, nullptr);
  g_object_unref(parser);
  g_object_unref(stream);
  if (message == nullptr) return mail;
  mail.ok = true;
  const char* subject = g_mime_message_get_subject(message);
  mail.subject = subject != nullptr ? subject : "";
  mail.from = Mailboxes(g_mime_message_get_from(message));
  mail.to = Mailboxes(g_mime_message_get_to(message));
  const char* message_id = g_mime_message_get_message_id(message);
  mail.message_id = message_id != nullptr ? message_id : "";
  GMimeHeaderList* headers = g_mime_object_get_header_list(GMIME_OBJECT(message));
  for (int header_idx = 0; header_idx < g_mime_header_list_get_count(headers); ++header_idx) {
    GMimeHeader* header = g_mime_header_list_get_header_at(headers, header_idx);
    const char* value = g_mime_header_get_raw_value(header);
    mail.headers.emplace_back(g_mime_header_get_name(header), value != nullptr ? value : "");
  }
  GMimeObject* body = g_mime_message_get_mime_part(message);
  if (body != nullptr) {
    mail.content_type = ContentType(body);
    if (GMIME_IS_MULTIPART(body)) {
      GMimeMultipart* multipart = GMIME_MULTIPART(body);
      for (int part_idx = 0; part_idx < g_mime_multipart_get_count(multipart); ++part_idx) {
        ReadPart(g_mime_multipart_get_part(multipart, part_idx), mail);
      }
    } else {
      ReadPart(body, mail);
    }
  }
  g_object_unref(message);
  return mail;
}

}  // namespace voxloop::mail::testing
