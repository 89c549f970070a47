#include "precis/text/stopwords.h"

#include <string>
#include <unordered_map>
#include <unordered_set>

namespace precis::text {
namespace {

// Space-separated lists, lower case, UTF-8.
struct Entry {
  const char* code;
  const char* words;
};

constexpr Entry kLists[] = {
    {"en",
     "a about above after again against all am an and any are aren't as at be because been before being "
     "below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down "
     "during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here "
     "here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself "
     "let's me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves "
     "out over own same shan't she she'd she'll she's should shouldn't so some such than that that's the "
     "their theirs them themselves then there there's these they they'd they'll they're they've this those "
     "through to too under until up very was wasn't we we'd we'll we're we've were weren't what what's when "
     "when's where where's which while who who's whom why why's with won't would wouldn't you you'd you'll "
     "you're you've your yours yourself yourselves also said says will would may might must just"},
    {"de",
     "aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei bin bis bist da "
     "damit dann das dass dein deine dem den der des dessen dich die dies diese diesem diesen dieser dieses "
     "dir doch dort du durch ein eine einem einen einer eines er es etwas euch euer für gegen hat hatte "
     "hatten hier hin ich ihm ihn ihnen ihr ihre im in ist jede jeder jedes jetzt kann kein keine können man "
     "mein meine mich mir mit muss nach nicht nichts noch nun nur ob oder ohne sehr sein seine sich sie sind "
     "so solche soll über um und uns unser unter viel vom von vor war waren was weil wenn wer werden wie wir "
     "wird wo zu zum zur zwischen"},
    {"fr",
     "à au aux avec ce ces cet cette dans de des du elle elles en est et eu être il ils je la le les leur "
     "leurs lui ma mais me même mes moi mon ne nos notre nous on ont ou où par pas pour qu que qui sa se ses "
     "son sont sur ta te tes toi ton tu un une vos votre vous y a été était étaient fait plus comme aussi "
     "ainsi si ni dont cela ça ceci celui celle ceux"},
    {"es",
     "a al algo algunos ante antes como con contra cual cuando de del desde donde durante e el él ella ellas "
     "ellos en entre era es esa esas ese eso esos esta está están estas este esto estos fue fueron ha han hay "
     "la las le les lo los más me mi mis mucho muy nada ni no nos nosotros o os otra otro para pero poco por "
     "porque que quien se sea ser si sí sin sobre son su sus también tanto te tiene tu tus un una uno unos y "
     "ya yo"},
    {"it",
     "a ad al alla alle allo agli ai anche avere c che chi ci come con contro cui da dal dalla dalle degli dei "
     "del della delle dello di dove e è ed era erano essere gli ha hanno ho i il in io la le lei li lo loro lui "
     "ma mi mia mio ne negli nei nel nella nelle noi non nostro o per perché più quale quando quella quelle "
     "quello questa queste questo se sei si sia siamo sono su sua sue suo sul sulla tra tu tutti tutto un una "
     "uno voi"},
    {"pt",
     "a à ao aos as às até com como da das de dela dele deles do dos e é ela elas ele eles em entre era eram "
     "essa essas esse esses esta estas este estes eu foi foram há isso isto já lhe lhes mais mas me mesmo meu "
     "minha muito na nas não nem no nos nós o os ou para pela pelas pelo pelos por qual quando que quem se "
     "sem ser seu seus sua suas só também te tem têm teu tu um uma umas uns você vocês"},
    {"nl",
     "aan al alles als bij daar dan dat de der deze die dit doch doen door dus een en er ge geen had heb "
     "hebben heeft hem het hier hij hoe hun ik in is ja je kan kon maar me meer men met mij mijn na naar niet "
     "niets nog nu of om omdat ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren "
     "was wat we wel werd wie wij wil worden zal ze zelf zich zij zijn zo zonder zou"},
    {"sv",
     "alla allt att av blev bli blir de dem den denna deras dess det detta dig din dina ditt du där efter ej "
     "eller en er era ett från för ha hade han hans har henne hennes hon honom hur här i icke ingen inom inte "
     "jag ju kan kunde man med mellan men mig min mina mitt mot mycket ni nu när någon något några och om "
     "oss på sedan sig sin sina sitt själv skulle som så sådan till under upp ut utan vad var vara varit vi "
     "vid vilken är år åt över"},
    {"da",
     "af alle allerede andet andre at blev blive bliver da de dem den denne der deres det dette dig din dog du "
     "efter eller en end er et for fra ham han hans har havde have hende hendes her hos hun hvad hvis hvor i "
     "ikke ind jeg jer kan kunne man mange med meget men mig min mine mit mod ned noget nogle nu når og også om "
     "op os over på selv sig sin sine sit skal skulle som sådan thi til ud under var vi vil ville vor være "
     "været"},
    {"no",
     "alle at av bare blei bli blir da de dei deim deira den denne der dere deres det dette di din disse du "
     "eg ein eit eller elles en enn er et ett etter for fordi fra før ha hadde han hans har hennar henne "
     "hennes her hjå ho hoss hun hva hvem hver hvilke hvis hvor hvordan i ikkje ikke inn innen jeg kan kunne "
     "man mange med meg men min mine mitt mot mye nå når noe noen og også om opp oss over på samme seg selv "
     "sin sine sitt skal skulle som så til ut uten var vart ved vi vil ville vore være vært"},
    {"fi",
     "ei eivät en et että he hän häneen hänen hänet hänellä hänelle hänestä joka jotka jos kanssa kuin kun "
     "me mikä minä minun minut mitä mutta myös ne niin nyt ole olemme olen olet oli olivat olla olisi on ovat "
     "se sekä sen siinä sille sinä sitä tai te tämä tämän tässä ja jo vaan vai voi vielä yli"},
    {"ru",
     "а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до его "
     "ее её если есть еще ещё же за здесь и из или им их к как ко когда кто ли либо мне может мы на над нам "
     "нас не него нее неё нет ни них но ну о об однако он она они оно от очень по под при с со так также "
     "такой там те тем то того тоже той только том ты у уже хотя чего чей чем что чтобы чье чья эта эти это "
     "я"},
};

using Lists = std::unordered_map<std::string, std::unordered_set<std::string>>;

const Lists& lists() {
  static const Lists kBuilt = [] {
    Lists out;
    for (const Entry& entry : kLists) {
      auto& set = out[entry.code];
      std::string_view words(entry.words);
      std::size_t pos = 0;
      while (pos < words.size()) {
        std::size_t space = words.find(' ', pos);
        if (space == std::string_view::npos) space = words.size();
        if (space > pos) set.emplace(words.substr(pos, space - pos));
        pos = space + 1;
      }
    }
    return out;
  }();
  return kBuilt;
}

}  // namespace

bool is_stopword(std::string_view language, std::string_view lower_word) {
  const Lists& l = lists();
  auto it = l.find(std::string(language == "nb" || language == "nn" ? "no" : language));
  if (it == l.end()) return false;
  return it->second.count(std::string(lower_word)) > 0;
}

bool has_stopwords(std::string_view language) {
  return lists().count(std::string(language == "nb" || language == "nn" ? "no" : language)) > 0;
}

}  // namespace precis::text
