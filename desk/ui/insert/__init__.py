"""The Insert menu: quotes, images, posts, links and subheadings put into the body, and the
body's smart paste."""
