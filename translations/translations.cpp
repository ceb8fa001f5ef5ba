// The compiled translations are this library's resources; nothing else lives here.
