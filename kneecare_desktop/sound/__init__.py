"""What the player says and beeps: the cues' times, the pre-rendered voice prompts, and what will
be heard.
"""
