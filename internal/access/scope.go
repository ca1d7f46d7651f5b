package access

// Scope is the set of rows a reader may see. The zero Scope sees nothing, so a read that
// forgets to set it fails closed. A later dimension (the public body of a hub serving several
// bodies) is one more field here and one more condition in store's scope clause.
type Scope struct {
	All    bool  // every unit: the PPID Utama, administrators, the system itself
	UnitID int64 // otherwise only this unit's rows
}

// Everything is the scope of the system's own work (jobs, imports) and of a requester who
// proved their case with its tracking code.
var Everything = Scope{All: true}

// UnitScope sees one unit's rows.
func UnitScope(unitID int64) Scope { return Scope{UnitID: unitID} }

// ScopeOf is what an officer sees: the PPID Utama coordinates every unit and administrators
// oversee them; an officer of a PPID Pelaksana sees their own unit's cases.
func ScopeOf(r Role, unitID int64, mainUnit bool) Scope {
	if mainUnit || r == Admin {
		return Everything
	}
	return UnitScope(unitID)
}

// Includes reports whether rows of unitID fall inside the scope; for choosing where a new
// row may go (a draft's unit), never for filtering rows already read.
func (s Scope) Includes(unitID int64) bool { return s.All || (unitID != 0 && s.UnitID == unitID) }
