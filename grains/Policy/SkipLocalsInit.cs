// The engine's stack buffers (threshold changes, rule probes) are written before they are read and only
// their filled prefix is used, so zeroing them on every settlement is work with no effect.
[module: System.Runtime.CompilerServices.SkipLocalsInit]
