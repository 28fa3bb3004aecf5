// Request/response schemas shared by the server and the web console.
