"""The console's async service layer over Cognito: plain Python, no Qt."""
