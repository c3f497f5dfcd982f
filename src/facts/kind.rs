//! The event vocabulary and the words that signal each kind.

use serde::{Deserialize, Serialize};

/// What kind of thing happened. A small vocabulary, so that the same event told in different
/// words by different outlets falls in the same kind and can be matched across them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A place taken or retaken ("retook Sudzha", "seized", "the fall of").
    Capture,
    /// A strike or attack: drones, missiles, shelling, air raids.
    Strike,
    /// Troops moving: an advance, a push, an incursion, a withdrawal.
    Movement,
    /// Someone going to see a place or people ("Putin visited Kursk").
    Visit,
    /// Someone arriving or travelling ("Witkoff landed in Moscow").
    Arrival,
    /// A meeting, talks, negotiations, a phone call.
    Meeting,
    /// A rejection, demand, warning or threat: a statement that is itself the news.
    Statement,
    /// Aid, weapons or funding given, announced, suspended.
    Aid,
    /// Damage or casualties: destroyed, damaged, injured, killed.
    Damage,
}

impl EventKind {
    pub const ALL: [EventKind; 9] = [
        EventKind::Capture,
        EventKind::Strike,
        EventKind::Movement,
        EventKind::Visit,
        EventKind::Arrival,
        EventKind::Meeting,
        EventKind::Statement,
        EventKind::Aid,
        EventKind::Damage,
    ];

    /// The id used in exports and addresses ("capture").
    pub fn slug(self) -> &'static str {
        match self {
            EventKind::Capture => "capture",
            EventKind::Strike => "strike",
            EventKind::Movement => "movement",
            EventKind::Visit => "visit",
            EventKind::Arrival => "arrival",
            EventKind::Meeting => "meeting",
            EventKind::Statement => "statement",
            EventKind::Aid => "aid",
            EventKind::Damage => "damage",
        }
    }

    /// A reader's name for the kind ("Capture or recapture").
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Capture => "Capture or recapture",
            EventKind::Strike => "Strike or attack",
            EventKind::Movement => "Troop movement",
            EventKind::Visit => "Visit",
            EventKind::Arrival => "Arrival",
            EventKind::Meeting => "Meeting or talks",
            EventKind::Statement => "Statement or demand",
            EventKind::Aid => "Aid",
            EventKind::Damage => "Damage or casualties",
        }
    }

    pub fn from_slug(slug: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

/// The kind a word signals, given the next word (for "touched down", "took control",
/// "phone call"). Words are lower-case, with any possessive already cut off.
pub(super) fn trigger(word: &str, next: &str) -> Option<EventKind> {
    use EventKind::*;
    let starts = |stems: &[&str]| stems.iter().any(|s| word.starts_with(s));
    let kind = match word {
        "retook" | "retake" | "retaken" | "retaking" | "seized" | "seize" | "seizing" | "expelled" | "liberate" | "liberated" | "captured" | "capture" | "capturing" | "fall" if word != "fall" || next == "of" => Capture,
        "took" | "take" | "taken" | "taking" | "regained" | "regain" | "regaining" | "restore" | "restored" if matches!(next, "control" | "full" | "ground") => Capture,
        "strike" | "strikes" | "struck" | "airstrike" | "airstrikes" | "attack" | "attacks" | "attacked" | "attacking" | "hit" | "shelled" | "shelling" | "bombed" | "bombing" | "targeted" | "targeting" | "intercepted" | "raid" => Strike,
        "shot" if next == "down" => Strike,
        "push" if next == "for" => return None,
        "dismissed" if next == "from" => return None,
        "advance" | "advances" | "advanced" | "advancing" | "push" | "pushed" | "pushing" | "offensive" | "incursion" | "incursions" | "crossed" | "withdrawing" | "withdrew" | "withdrawal" | "retreat" | "retreated" | "entered" | "deployed" => Movement,
        "visit" | "visited" | "visiting" | "trip" => Visit,
        "arrived" | "arrives" | "arriving" | "arrival" | "landed" | "land" => Arrival,
        // Travelling *to* a place ends there; "travelling along a pipeline" is on the way.
        "travelling" | "traveling" | "travelled" | "traveled" if next == "to" => Arrival,
        "touched" if next == "down" => Arrival,
        "meeting" | "met" | "meet" | "talks" | "negotiations" | "summit" => Meeting,
        "spoken" | "spoke" if matches!(next, "by" | "with") => Meeting,
        "phone" if next == "call" => Meeting,
        "rejected" | "rejects" | "rejecting" | "dismissed" | "demanded" | "demands" | "warned" | "threatened" | "accused" | "accusing" | "denied" | "complained" => Statement,
        "aid" | "weapons" | "funding" => Aid,
        "destroyed" | "damaged" | "injured" | "injury" | "killed" | "wounded" | "casualties" | "ruined" | "destructions" | "destruction" => Damage,
        "fire" if next != "at" => Damage,
        _ if starts(&["recaptur"]) => Capture,
        _ if starts(&["manoeuvr", "maneuver"]) => Movement,
        _ => return None,
    };
    Some(kind)
}

/// Verbs that report what someone says: the claimant stands before them.
pub(super) fn is_saying(word: &str) -> bool {
    matches!(
        word,
        "said"
            | "says"
            | "say"
            | "stated"
            | "reported"
            | "reports"
            | "announced"
            | "announces"
            | "claimed"
            | "claims"
            | "confirmed"
            | "told"
            | "added"
            | "acknowledged"
            | "assessed"
            | "read"
            | "broadcast"
            | "suggested"
            | "revealed"
    )
}
