"""Parts of the live view that are not the screen itself: its forms."""
