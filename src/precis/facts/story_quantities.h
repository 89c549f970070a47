// How a story's figures become quantities that several articles report (internal to facts;
// declared here so that the grouping can be tested on figures written by hand).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "precis/facts/facts.h"

namespace precis::facts::internal {

// What is said around one figure: content-word stems of its sentence near it, each of weight 1,
// except the noun the amount is of ("the damage at $12 million": "damag"), of weight 2.
using FigureContext = std::map<std::string, std::uint32_t>;

// Groups of figures (indices into `figures`) that report one quantity. Figures can only be one
// quantity when they have the same unit, the same counted noun (plural folded), the same
// governing word (`predicates`, parallel to `figures`: "injured", "killed", ... or "") and both or
// neither count the rest of a set ("15 other nations" is not "16 nations"). That is
// not enough: "two helicopters" and "12 helicopters" are usually two fleets. Two such figures are
// linked when the words said around them (`contexts`, parallel to `figures`) share a weight (the
// smaller weight of each common word, summed) of at least 1 for equal values and 3 for different
// ones, or, when their governing word is not "", 0 and 1; different values must also lie within a
// factor of 3 (10 with a governing word). Two different values of one sentence are linked only
// when `revisions` holds the pair (i < j): the sentence tells one as the other's revision ("to
// $18.5 million from $12 million"); such a pair also shares its words (each counts as said around
// the other). Figures whose `measured` nouns are both known and differ are never linked. Groups
// are the connected parts of those links. A group is returned when it spans two or more
// articles, no article gives three or more different values in it, nor two unless a revision
// pair of that article is in it (an article listing values is telling different things), and,
// when its values
// differ, some article gives a value that another does not (one text's two numbers, repeated by
// its copies, are not sources that differ). Pure; thread-safe.
// `people` (parallel to `figures`, or empty) holds the people each figure's sentence names, as
// sorted entity indices: two different values whose sentences both name people, none of them
// the same, are never linked ("Xu for 12 years", "Qin Yongmin ... 10 years in prison").
std::vector<std::vector<std::uint32_t>> same_quantity_groups(const std::vector<Figure>& figures,
                                                             const std::vector<std::string>& predicates,
                                                             const std::vector<FigureContext>& contexts,
                                                             const std::set<std::pair<std::uint32_t, std::uint32_t>>& revisions,
                                                             const std::vector<std::vector<std::uint32_t>>& people = {});

}  // namespace precis::facts::internal
