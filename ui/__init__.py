"""Streamlit chat page of the assistant (`streamlit run ui/app.py`)."""
