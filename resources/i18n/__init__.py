"""Qt Linguist translations: .ts sources and the compiled .qm files the app loads."""
