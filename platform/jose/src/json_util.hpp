// Private to tongban::jose: the few Boost.JSON helpers the codecs share.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace tongban::jose::detail {

// `text` as one JSON object, or nullopt when it is not valid UTF-8 JSON or not
// an object. A repeated member name keeps its last value, as RFC 7515 §5.2
// permits and as JavaScript's JSON.parse does (so that we and a JavaScript
// peer never read different headers from one token).
std::optional<boost::json::object> ParseObject(std::string_view text);

std::string Serialize(const boost::json::object& object);

// The member `name` if present; nullptr if absent.
const boost::json::value* Find(const boost::json::object& object, std::string_view name);

}  // namespace tongban::jose::detail
