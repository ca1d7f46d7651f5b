package calendar

// Exported to the external tests (package calendar_test), which import caltest and so cannot be internal.
var (
	FloorMod = floorMod
	MustLoad = mustLoad
	WIB      = wib
)
