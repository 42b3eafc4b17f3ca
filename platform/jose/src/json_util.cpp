#include "json_util.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace tongban::jose::detail {

std::optional<boost::json::object> ParseObject(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.get_object());
}

std::string Serialize(const boost::json::object& object) {
  return boost::json::serialize(object);
}

const boost::json::value* Find(const boost::json::object& object, std::string_view name) {
  auto it = object.find(name);
  return it == object.end() ? nullptr : &it->value();
}

}  // namespace tongban::jose::detail
